package org.snauq.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import org.snauq.model.SnaFormatException;
import org.snauq.study.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where failures become exit codes and messages (DESIGN.md section 2).
 *
 * <ul>
 *   <li>exit 2, bad input: picocli usage errors, {@link BadInputException} (with {@link UserInputException} and
 *       the study parser's exceptions) and {@link SnaFormatException} (unreadable model files);</li>
 *   <li>exit 1, internal failure: anything else, including a bare {@link IllegalArgumentException} or
 *       {@link NumberFormatException}: the core throws those for values, and every place that hands the core a
 *       user's value wraps them in a {@link BadInputException}, so one that gets here is our bug.</li>
 * </ul>
 *
 * <p>Either way stderr gets exactly one line, {@code "sna: <message>"}; {@code --verbose} adds the stack trace.
 */
final class CliErrors implements IExitCodeExceptionMapper, IExecutionExceptionHandler, IParameterExceptionHandler {

    static final int OK = 0;
    static final int INTERNAL_ERROR = 1;
    static final int BAD_INPUT = 2;

    static final String VERBOSE = "--verbose";
    /** Causes looked through: Spark nests a task's exception two or three deep; a cycle must not loop forever. */
    private static final int MAX_CAUSES = 16;

    @Override
    public int getExitCode(Throwable t) {
        return badInput(t) != null ? BAD_INPUT : INTERNAL_ERROR;
    }

    /**
     * The bad-input exception {@code t} is or wraps (a model's failure in a Spark task reaches the driver as the
     * cause of a SparkException), or null.
     */
    private static Throwable badInput(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_CAUSES; c = c.getCause(), depth++) {
            if (c instanceof BadInputException || c instanceof SnaFormatException || c instanceof ParameterException) {
                return c;
            }
        }
        return null;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        report(cmd.getErr(), ex, verbose(parseResult));
        return getExitCode(ex);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        String help = ex.getCommandLine().getCommandSpec().qualifiedName();
        String message = oneLine(ex.getMessage()) + " (see '" + help + " --help')";
        PrintWriter err = ex.getCommandLine().getErr();
        err.println("sna: " + message);
        int end = Arrays.asList(args).indexOf("--");
        if (Arrays.asList(end < 0 ? args : Arrays.copyOf(args, end)).contains(VERBOSE)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return BAD_INPUT;
    }

    /** True when --verbose was given on the top command or any subcommand. */
    private static boolean verbose(ParseResult parseResult) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    static void report(PrintWriter err, Throwable t, boolean verbose) {
        Throwable bad = badInput(t);
        String message = oneLine((bad != null ? bad : t).getMessage());
        if (bad != null) {
            err.println("sna: " + (message.isEmpty() ? bad.getClass().getSimpleName() : message));
        } else {
            err.println("sna: internal error: " + t.getClass().getName() + (message.isEmpty() ? "" : ": " + message)
                    + (verbose ? "" : " (run with " + VERBOSE + " for the stack trace)"));
        }
        if (verbose) {
            t.printStackTrace(err);
        }
        err.flush();
    }

    /** The first line of a message (Spark's messages, for one, span several). */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
