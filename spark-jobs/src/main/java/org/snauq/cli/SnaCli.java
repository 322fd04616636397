package org.snauq.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code sna} command (DESIGN.md section 2). Each subcommand is its own class; to add one, write it as a
 * {@code @Command} class in this package and add it to the {@code subcommands} list below (one line).
 *
 * <p>Exit codes: 0 success, 2 bad input, 1 internal failure, decided in {@link CliErrors}. Only {@link #main}
 * calls {@link System#exit}; tests run {@link #commandLine(PrintWriter, PrintWriter)} in-process.
 */
@Command(name = "sna",
        mixinStandardHelpOptions = true,
        versionProvider = SnaCli.Version.class,
        description = "Separable Neural Architecture surrogates and distributed uncertainty quantification.",
        subcommands = {
            TrainCommand.class,
            InspectCommand.class,
            QueryCommand.class,
            RunCommand.class,
            GenerateCommand.class,
            SolveCommand.class,
            ReportCommand.class,
            RunsCommand.class,
            ServeCommand.class,
            // new subcommands go here, one line each
            HelpCommand.class,
        })
public final class SnaCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = CliErrors.VERBOSE, scope = ScopeType.INHERIT,
            description = "On failure, also print the stack trace.")
    boolean verbose;

    public static void main(String[] args) {
        CommandLine cmd = commandLine();
        int code;
        try {
            code = cmd.execute(args);
        } catch (Throwable t) { // picocli handles Exceptions; an Error (out of memory, ...) still gets one line
            CliErrors.report(cmd.getErr(), t, java.util.Arrays.asList(args).contains(CliErrors.VERBOSE));
            code = CliErrors.INTERNAL_ERROR;
        }
        System.exit(code);
    }

    /** The configured command line writing to the process's stdout and stderr. */
    public static CommandLine commandLine() {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** The configured command line (error handling, exit codes) writing to the given streams. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CliErrors errors = new CliErrors();
        CommandLine cmd = new CommandLine(new SnaCli());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExitCodeExceptionMapper(errors);
        cmd.setExecutionExceptionHandler(errors);
        cmd.setParameterExceptionHandler(errors);
        return cmd;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: one of " + String.join(", ",
                spec.subcommands().keySet()));
    }

    /** The software version, e.g. {@code sna-uq 0.1.0}, from a resource Maven fills in. */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = SnaCli.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown": the version is informative, never essential
        }
        return "sna-uq " + p.getProperty("version", "unknown");
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {version(), "Java " + System.getProperty("java.version")};
        }
    }
}
