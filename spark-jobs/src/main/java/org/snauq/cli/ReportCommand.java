package org.snauq.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.snauq.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sna report RUN_DIR}: (re)renders {@code report.html} in a run folder from its Parquet tables and
 * {@code manifest.json} (DESIGN.md section 4), replacing the old report atomically. Prints the report's path.
 * A folder without a manifest (not a complete run) is bad input, exit 2.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Re-render report.html of a run folder (<output>/run_id=<ID>) from its tables and manifest.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run folder, e.g. results/x/run_id=20250101T000000Z.")
    Path runFolder;

    @Override
    public Integer call() throws Exception {
        String written = ReportWriter.write(LocalSpark.session(), runFolder.toAbsolutePath().toString());
        spec.commandLine().getOut().println(written);
        spec.commandLine().getOut().flush();
        return CliErrors.OK;
    }
}
