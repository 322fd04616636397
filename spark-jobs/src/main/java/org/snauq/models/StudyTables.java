package org.snauq.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.snauq.study.BadInputException;

/** Training data for {@code model: {train: ...}}, read with {@link TableReader} (CSV here, Parquet by Spark). */
public final class StudyTables {

    private StudyTables() {
    }

    /** A reader that starts Spark only if a Parquet file has to be read. */
    public static ModelLoader.TableReader reader(Supplier<SparkSession> spark) {
        return (file, columns) -> {
            Table table;
            try {
                table = TableReader.read(file, spark);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (table.rows() == 0) {
                throw new BadInputException(file + ": no data rows");
            }
            double[][] out = new double[columns.size()][];
            for (int c = 0; c < columns.size(); c++) {
                out[c] = table.column(columns.get(c));
                for (int j = 0; j < out[c].length; j++) {
                    if (!Double.isFinite(out[c][j])) {
                        throw new BadInputException(table.source() + ": column '" + columns.get(c) + "' has a"
                                + " non-finite value at " + table.rowLabel(j));
                    }
                }
            }
            return out;
        };
    }
}
