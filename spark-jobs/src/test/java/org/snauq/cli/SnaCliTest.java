package org.snauq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.snauq.model.SnaFormatException;
import org.snauq.study.BadInputException;
import org.snauq.study.StudyException;

class SnaCliTest {

    @Test
    void version_printsProjectVersion() {
        String out = Cli.run("--version").assertOk().out();
        assertTrue(out.startsWith("sna-uq "), out);
        assertTrue(!out.contains("${"), "the version resource must be filtered: " + out);
    }

    @Test
    void help_listsEverySubcommand() {
        String out = Cli.run("--help").assertOk().out();
        for (String c : new String[] {"train", "inspect", "query", "help"}) {
            assertTrue(out.contains("  " + c), out);
        }
        assertTrue(Cli.run("help", "train").assertOk().out().contains("--response"));
        assertTrue(Cli.run("query", "--help").assertOk().out().contains("--clamp"));
    }

    @Test
    void noCommand_exit2() {
        Cli.run().assertBadInput("missing command");
    }

    @Test
    void unknownCommand_exit2() {
        Cli.run("fly").assertBadInput("fly");
    }

    @Test
    void verbose_addsStackTrace() {
        Cli.Result r = Cli.run("--verbose", "inspect", "/no/such/model.sna");
        assertEquals(CliErrors.BAD_INPUT, r.exit());
        assertTrue(r.err().startsWith("sna: /no/such/model.sna: no such file\n"), r.err());
        assertTrue(r.err().contains("\tat org.snauq.cli."), r.err());
        Cli.Result sub = Cli.run("inspect", "--verbose", "/no/such/model.sna");
        assertTrue(sub.err().contains("\tat org.snauq.cli."), sub.err());
    }

    @Test
    void exitCodes_badInputIs2_restIs1() {
        CliErrors errors = new CliErrors();
        assertEquals(2, errors.getExitCode(new BadInputException("x")));
        assertEquals(2, errors.getExitCode(new StudyException("x")));
        assertEquals(2, errors.getExitCode(new SnaFormatException("x")));
        assertEquals(2, errors.getExitCode(new UserInputException("x")));
        assertEquals(1, errors.getExitCode(new IllegalArgumentException("x")), "a bare one is our bug");
        assertEquals(1, errors.getExitCode(new NumberFormatException("x")), "so is the JDK's");
        assertEquals(1, errors.getExitCode(new IllegalStateException("x")));
        assertEquals(1, errors.getExitCode(new OutOfMemoryError()));
    }

    /** A model's failure inside a Spark task reaches the driver as the cause of the job's exception. */
    @Test
    void report_badInputWrappedByAJobFailure_exit2WithItsMessage() {
        RuntimeException job = new RuntimeException("Job aborted due to stage failure:\n...",
                new RuntimeException("task failed", new BadInputException("s.yaml: sample 7 (x = 1.0): model output"
                        + " y is NaN")));
        assertEquals(2, new CliErrors().getExitCode(job));
        StringWriter w = new StringWriter();
        CliErrors.report(new PrintWriter(w), job, false);
        assertEquals("sna: s.yaml: sample 7 (x = 1.0): model output y is NaN\n", w.toString());
    }

    @Test
    void report_internalError_oneLineWithClassAndHint() {
        StringWriter w = new StringWriter();
        CliErrors.report(new PrintWriter(w), new IllegalStateException("broken\nsecond line"), false);
        assertEquals("sna: internal error: java.lang.IllegalStateException: broken (run with --verbose for the "
                + "stack trace)\n", w.toString());
    }
}
