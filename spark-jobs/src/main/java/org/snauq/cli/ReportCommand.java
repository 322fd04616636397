package org.snauq.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.snauq.report.ReportWriter;
import org.snauq.results.ResultsOutput;
import org.snauq.results.RunEntry;
import org.snauq.results.RunIds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sna report OUTPUT [--run-id ID]}: (re)renders {@code report.html} of a published run from its Parquet
 * tables and {@code manifest.json} (read with parquet-hadoop, no Spark), replacing the old report atomically.
 * Without {@code --run-id}, the newest run of the output. Prints the report's path. An output without that
 * complete run is bad input, exit 2.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Re-render report.html of a run from its tables and manifest (into <output>/_runs/run_id=<ID>/).")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUTPUT", description = "The results folder, e.g. results/ishigami-sobol.")
    String output;

    @Option(names = "--run-id", paramLabel = "ID", description = "The run (default: the newest in the output).")
    String runId;

    @Override
    public Integer call() throws Exception {
        ResultsOutput out = RunsCommand.open(output);
        String id = runId != null ? RunIds.check(runId, "--run-id") : newest(out);
        String written = ReportWriter.write(out, id);
        spec.commandLine().getOut().println(written);
        spec.commandLine().getOut().flush();
        return CliErrors.OK;
    }

    private static String newest(ResultsOutput out) throws java.io.IOException {
        List<RunEntry> runs = out.runs();
        if (runs.isEmpty()) {
            throw new UserInputException(out.describe() + ": no complete run to report on");
        }
        return runs.get(runs.size() - 1).runId();
    }
}
