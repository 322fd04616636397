package org.snauq.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.snauq.report.ReportWriter;
import org.snauq.results.Comparison;
import org.snauq.results.ComparisonTable;
import org.snauq.results.ResultsOutput;
import org.snauq.results.RunIds;
import org.snauq.results.RunManifest;
import org.snauq.results.TableRows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sna compare OUTPUT ID_A ID_B}: whether any statistic moved between two complete runs beyond its noise
 * ({@link Comparison}). The earlier run (by creation time) is the reference; the rows are printed, written as the
 * later run's {@code comparison} table ({@link ComparisonTable}) and shown in its re-rendered report. Exit 3 when
 * something moved, so that a scheduler can alert; 0 when nothing did. Reads with parquet-hadoop, no Spark.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two runs of an output statistic by statistic (moments, quantiles, Sobol' indices,"
                + " exceedance): both values, the difference and whether it exceeds the noise of both runs."
                + " Writes the comparison table of the later run and adds it to that run's report.html.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no statistic moved beyond its noise",
            "3:at least one statistic moved beyond its noise (or a closed form changed)",
            "2:bad input (an unknown run, a bad option)",
            "1:internal failure"})
final class CompareCommand implements Callable<Integer> {

    /** The exit code when something moved beyond its noise. */
    static final int MOVED = 3;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUTPUT", description = "The results folder holding both runs.")
    String output;

    @Parameters(index = "1", paramLabel = "ID_A", description = "One run ID.")
    String idA;

    @Parameters(index = "2", paramLabel = "ID_B", description = "The other run ID (their order does not matter: the"
            + " earlier run is the reference).")
    String idB;

    @Option(names = "--alpha", paramLabel = "A", description = "Family-wise false-alarm rate: the probability that"
            + " two runs of an unchanged study report a change, over all the statistics compared (Bonferroni;"
            + " default ${DEFAULT-VALUE}; at least 1e-6).")
    double alpha = Comparison.DEFAULT_ALPHA;

    @Override
    public Integer call() throws Exception {
        String a = RunIds.check(idA, "ID_A");
        String b = RunIds.check(idB, "ID_B");
        if (a.equals(b)) {
            throw new UserInputException("ID_A and ID_B must be two runs, got " + a + " twice");
        }
        if (!(alpha >= Comparison.MIN_ALPHA && alpha < 1)) {
            throw new UserInputException("--alpha must lie in [" + Comparison.MIN_ALPHA + ", 1), got " + alpha);
        }
        ResultsOutput out = RunsCommand.open(output);
        List<RunManifest> runs = new ArrayList<>(List.of(out.manifest(a), out.manifest(b)));
        runs.sort(Comparator.comparing(RunManifest::created).thenComparing(RunManifest::runId));
        RunManifest reference = runs.get(0);
        RunManifest later = runs.get(1);
        Comparison c = Comparison.of(Comparison.Side.of(reference, out.tables(reference)),
                Comparison.Side.of(later, out.tables(later)), alpha);

        PrintWriter w = spec.commandLine().getOut();
        w.println("run " + later.runId() + " (" + later.study() + ", " + later.created() + ") against reference "
                + reference.runId() + " (" + reference.study() + ", " + reference.created() + ")");
        if (!reference.study().equals(later.study())) {
            w.println("note: the runs are of different studies");
        } else if (!String.valueOf(reference.studyHash()).equals(String.valueOf(later.studyHash()))) {
            w.println("note: the study changed between the runs (study_hash differs)");
        }
        print(w, c.rows());
        w.println(String.format(Locale.ROOT, "%d of %d statistics moved beyond their noise (family-wise"
                + " false-alarm rate %s, Bonferroni over %d tested)", c.moved(), c.rows().size(), alpha, c.tested()));
        String table = ComparisonTable.publish(out, later, reference.runId(), c);
        w.println("written: " + table);
        w.println("report: " + ReportWriter.write(out, later.runId()));
        w.flush();
        return c.moved() > 0 ? MOVED : CliErrors.OK;
    }

    /** The comparison rows, columns padded, values to 6 significant digits. */
    private static void print(PrintWriter w, TableRows rows) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of("output", "statistic", "method", "input", "p or t", "reference", "run", "difference",
                "noise", "verdict"));
        for (int i = 0; i < rows.size(); i++) {
            List<String> line = new ArrayList<>();
            for (String col : List.of("output", "statistic", "method", "input", "parameter", "reference_value",
                    "value", "difference", "noise", "verdict")) {
                Object v = rows.value(i, col);
                line.add(v == null ? "-" : col.equals("parameter") ? v.toString() // p or t as the study wrote it
                        : v instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : v.toString());
            }
            lines.add(line);
        }
        RunsCommand.print(w, lines);
    }
}
