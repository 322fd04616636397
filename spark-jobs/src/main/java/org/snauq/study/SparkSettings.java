package org.snauq.study;

/**
 * Spark settings of a study: {@code spark: {partitions: 0}}.
 *
 * @param partitions slices of the block list; 0 = chosen from the number of blocks and the cores
 */
public record SparkSettings(int partitions) {

    public SparkSettings {
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be >= 0, got " + partitions);
        }
    }

    public static SparkSettings defaults() {
        return new SparkSettings(0);
    }

    public SparkSettings withPartitions(int v) {
        return new SparkSettings(v);
    }
}
