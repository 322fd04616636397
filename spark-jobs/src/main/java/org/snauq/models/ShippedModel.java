package org.snauq.models;

import java.util.List;

/** A model whose files must reach the executors of a cluster before its tasks run ({@link ShippedFile}). */
public interface ShippedModel {

    /** Files each task reads (a program, its inputs); shipped with {@code SparkContext.addFile}. */
    default List<ShippedFile> shippedFiles() {
        return List.of();
    }

    /** Jars each task loads classes from; shipped with {@code SparkContext.addJar}. */
    default List<ShippedFile> shippedJars() {
        return List.of();
    }
}
