package org.snauq.stats;

/** A sample held whole as a sorted array: order statistics and counts exactly. */
final class SortedSample implements OrderedSample {

    private final double[] sorted;

    /** @param sorted read, not copied: sorted ascending, no NaN */
    SortedSample(double[] sorted) {
        this.sorted = sorted;
    }

    @Override
    public long count() {
        return sorted.length;
    }

    @Override
    public double valueAt(long rank) {
        return sorted[(int) (rank - 1)];
    }

    @Override
    public double fractionAtMost(double x) {
        return (double) BracketedSample.countAtMost(sorted, sorted.length, x) / sorted.length;
    }

    @Override
    public double rankError(double q) {
        return 0;
    }
}
