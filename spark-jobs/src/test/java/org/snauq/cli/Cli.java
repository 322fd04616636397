package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.snauq.spark.SparkTests;

/** Runs the {@code sna} command line in-process with captured stdout and stderr. */
final class Cli {

    private Cli() {
    }

    record Result(int exit, String out, String err) {

        /** Exit 2 and exactly one stderr line "sna: ..." that contains every fragment. */
        Result assertBadInput(String... fragments) {
            return assertFailure(CliErrors.BAD_INPUT, fragments);
        }

        Result assertFailure(int code, String... fragments) {
            assertEquals(code, exit, () -> "exit code; stdout: " + out + "; stderr: " + err);
            String[] lines = err.strip().split("\n");
            assertEquals(1, lines.length, () -> "stderr must be one line, got: " + err);
            assertTrue(lines[0].startsWith("sna: "), err);
            for (String f : fragments) {
                assertTrue(lines[0].contains(f), () -> "stderr should contain '" + f + "', got: " + err);
            }
            return this;
        }

        Result assertOk() {
            assertEquals(CliErrors.OK, exit, () -> "exit code; stdout: " + out + "; stderr: " + err);
            assertEquals("", err, "stderr");
            return this;
        }
    }

    static Result run(String... args) {
        SparkTests.session(); // commands that need Spark reuse the test JVM's one session
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SnaCli.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
