package org.snauq.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.snauq.results.ResultsOutput;
import org.snauq.results.RunEntry;
import org.snauq.study.Study;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sna runs OUTPUT}: the run catalogue of an output (its {@code runs} table), oldest first, one line per
 * complete run: ID, study, creation time, status, sample count, design, wall time; then any run still being
 * written or left by a crash. {@code --repair} first finishes or removes what crashed runs left (as the next
 * {@code sna run} would); {@code --keep N} removes all but the N newest runs of each study. Reads with
 * parquet-hadoop, no Spark.
 */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List the runs of a results folder (its runs table), repair what crashed runs left, or keep"
                + " only the newest runs of each study.")
final class RunsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUTPUT", description = "The results folder, e.g. results/ishigami-sobol.")
    String output;

    @Option(names = "--study", paramLabel = "NAME", description = "Only the runs of this study.")
    String study;

    @Option(names = "--repair", description = "Roll forward or remove what crashed runs left (staging folders of"
            + " gone processes, partitions of unlisted runs) before listing.")
    boolean repair;

    @Option(names = "--keep", paramLabel = "N", description = "Remove all but the N newest runs of each study.")
    Integer keep;

    @Override
    public Integer call() throws Exception {
        if (keep != null && keep < 1) {
            throw new UserInputException("--keep must be >= 1, got " + keep);
        }
        ResultsOutput out = open(output);
        PrintWriter w = spec.commandLine().getOut();
        if (repair) {
            ResultsOutput.Recovery r = out.recover();
            w.println("repaired: rolled forward " + r.rolledForward() + ", deleted stagings " + r.deleted()
                    + ", removed unlisted runs " + r.orphansRemoved());
        }
        if (keep != null) {
            TreeSet<String> studies = new TreeSet<>();
            out.runs().forEach(r -> studies.add(r.study()));
            for (String s : studies) {
                if (study == null || study.equals(s)) {
                    List<String> removed = out.retain(s, keep);
                    if (!removed.isEmpty()) {
                        w.println("removed " + s + ": " + String.join(", ", removed));
                    }
                }
            }
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("run_id", "study", "created", "status", "n", "design", "wall"));
        for (RunEntry r : out.runs()) {
            if (study == null || study.equals(r.study())) {
                rows.add(List.of(r.runId(), r.study(), r.created().toString(), r.status(), text(r.get("n")),
                        text(r.get("design")), r.get("wall_ms") instanceof Long ms
                                ? String.format(Locale.ROOT, "%.2f s", ms / 1000.0) : "-"));
            }
        }
        for (ResultsOutput.Pending p : out.pending()) {
            rows.add(List.of(p.runId() == null ? "?" : p.runId(), "-", "-", p.ownerGone()
                    ? "crashed (sna runs --repair or the next run finishes it)" : p.marked() ? "publishing"
                    : "writing", "-", "-", "-"));
        }
        print(w, rows);
        w.flush();
        return CliErrors.OK;
    }

    /** An existing results folder named by the user (a path relative to the working folder, or a URI). */
    static ResultsOutput open(String output) throws IOException {
        if (output.isBlank()) {
            throw new UserInputException("OUTPUT must name a results folder, got '" + output + "'");
        }
        String resolved = Study.resolveOutput(output, Path.of("").toAbsolutePath());
        ResultsOutput out = ResultsOutput.open(resolved, new Configuration());
        if (!out.exists()) {
            throw new UserInputException(resolved + ": no such results folder");
        }
        return out;
    }

    private static String text(Object v) {
        return v == null ? "-" : v.toString();
    }

    /** Columns padded to their widest cell, two spaces apart. */
    private static void print(PrintWriter w, List<List<String>> rows) {
        int[] width = new int[rows.get(0).size()];
        for (List<String> r : rows) {
            for (int c = 0; c < r.size(); c++) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        for (List<String> r : rows) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < r.size(); c++) {
                b.append(c == r.size() - 1 ? r.get(c) : String.format(Locale.ROOT, "%-" + width[c] + "s  ", r.get(c)));
            }
            w.println(b.toString().stripTrailing());
        }
    }
}
