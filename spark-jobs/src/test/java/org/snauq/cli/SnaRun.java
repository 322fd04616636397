package org.snauq.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.snauq.spark.SparkTests;

/** Runs {@code sna} in-process on the shared test Spark session, capturing stdout, stderr and the exit code. */
public final class SnaRun {

    /** The repository root (tests run in spark-jobs/). */
    public static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    public record Result(int exit, String out, String err) {
        /** stderr lines that are not phase lines (the error report). */
        public java.util.List<String> errorLines() {
            return err.lines().filter(l -> !l.startsWith("sna [")).toList();
        }
    }

    private SnaRun() {
    }

    public static Result sna(String... args) {
        SparkTests.session(); // the shared local session; sna reuses a running one
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SnaCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
