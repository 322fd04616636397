package org.snauq.study;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the values of an input built from data come from: {@code {name: x, dist: empirical, file: d.csv, column: x}}
 * ({@code kde} alike). The values are read when the study is prepared to run ({@code org.snauq.models.InputData}),
 * not by the parser.
 *
 * @param input  the input's index in the study
 * @param file   a Parquet file or folder, or a CSV file with a header (resolved against the base folder)
 * @param column the column (default: the input's name)
 */
public record DataColumn(int input, Path file, String column) {

    /** The keys an input built from data has besides its family's parameters. */
    static final java.util.List<String> KEYS = java.util.List.of("file", "column");

    public DataColumn {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(column, "column");
    }
}
