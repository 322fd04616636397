package org.snauq.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import org.snauq.model.SnaFormatException;
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
 *   <li>exit 2, bad input: picocli usage errors, {@link UserInputException}, {@link IllegalArgumentException}
 *       (values rejected by the core) and {@link SnaFormatException} (unreadable model files);</li>
 *   <li>exit 1, internal failure: anything else.</li>
 * </ul>
 *
 * <p>Either way stderr gets exactly one line, {@code "sna: <message>"}; {@code --verbose} adds the stack trace.
 */
final class CliErrors implements IExitCodeExceptionMapper, IExecutionExceptionHandler, IParameterExceptionHandler {

    static final int OK = 0;
    static final int INTERNAL_ERROR = 1;
    static final int BAD_INPUT = 2;

    static final String VERBOSE = "--verbose";

    @Override
    public int getExitCode(Throwable t) {
        return isBadInput(t) ? BAD_INPUT : INTERNAL_ERROR;
    }

    private static boolean isBadInput(Throwable t) {
        return t instanceof UserInputException || t instanceof IllegalArgumentException
                || t instanceof SnaFormatException || t instanceof ParameterException;
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
        String message = oneLine(t.getMessage());
        if (isBadInput(t)) {
            err.println("sna: " + (message.isEmpty() ? t.getClass().getSimpleName() : message));
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
