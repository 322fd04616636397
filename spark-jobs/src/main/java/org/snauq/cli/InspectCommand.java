package org.snauq.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.snauq.basis.KnotVector;
import org.snauq.dist.InputSpec;
import org.snauq.model.SnaModel;
import org.snauq.model.SnaModelFile;
import org.snauq.uq.ClosedFormResult;
import org.snauq.uq.ClosedFormUq;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sna inspect}: prints a model file's header for people, or as JSON with {@code --json}.
 *
 * <p>The text form has one section per aspect: the model (output, rank, size), its coordinates (domain,
 * degree, atoms, knots), the stored input distributions, the closed-form uncertainty summary, and the
 * provenance.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print a model's header: coordinates, domains, degree, knots, rank, size, provenance, and the"
                + " closed-form mean, variance and Sobol indices when input distributions are stored.")
final class InspectCommand implements Callable<Integer> {

    /** Graded knot vectors with at most this many breakpoints are listed in full. */
    private static final int MAX_LISTED_BREAKPOINTS = 12;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "M.sna", description = "The model file.")
    Path file;

    @Option(names = "--json", description = "Print the JSON header stored in the file instead.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        SnaModel model = ModelFiles.read(file);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(SnaModelFile.headerJson(model));
        } else {
            printModel(model, Files.size(file), out);
            printCoordinates(model, out);
            printInputs(model, out);
            printClosedFormUq(model, out);
            printProvenance(model, out);
        }
        out.flush();
        return CliErrors.OK;
    }

    private void printModel(SnaModel m, long bytes, PrintWriter out) {
        out.println("model        " + file);
        out.println("output       " + m.output());
        out.println("rank         " + m.rank());
        out.println("size         " + bytes + " bytes, " + m.parameterCount() + " doubles");
    }

    private static void printCoordinates(SnaModel m, PrintWriter out) {
        out.println("coordinates  " + m.dimension());
        int width = width(m.names());
        for (int d = 0; d < m.dimension(); d++) {
            KnotVector k = m.basis(d).knots();
            out.printf("  %-" + width + "s  [%s, %s]  degree %d, %d atoms, %s%n", m.name(d), k.lower(), k.upper(),
                    k.degree(), k.count(), knots(k));
        }
    }

    private static String knots(KnotVector k) {
        if (k.isUniform()) {
            return "uniform knots, " + k.spanCount() + " spans";
        }
        double[] b = k.breakpoints();
        if (b.length <= MAX_LISTED_BREAKPOINTS) {
            return "graded knots, breakpoints " + java.util.Arrays.toString(b);
        }
        return "graded knots, " + k.spanCount() + " spans, breakpoints " + b[0] + ", " + b[1] + ", ..., "
                + b[b.length - 2] + ", " + b[b.length - 1];
    }

    private static void printInputs(SnaModel m, PrintWriter out) {
        if (m.inputs().isEmpty()) {
            out.println("inputs       none stored");
            return;
        }
        out.println("inputs       " + m.inputs().size() + " distributions");
        int width = width(m.inputs().stream().map(InputSpec::name).toList());
        for (InputSpec in : m.inputs()) {
            List<String> params = new ArrayList<>();
            in.parameters().forEach((key, value) -> params.add(key + "=" + value));
            out.printf("  %-" + width + "s  %s(%s)%n", in.name(), in.dist(), String.join(", ", params));
        }
    }

    /**
     * Closed-form mean, variance and Sobol indices of the model under its stored input distributions
     * (METHOD.md section 4), when it stores one for every coordinate.
     */
    private static void printClosedFormUq(SnaModel m, PrintWriter out) {
        List<String> stored = m.inputs().stream().map(InputSpec::name).toList();
        if (m.inputs().isEmpty() || !stored.containsAll(m.names())) {
            out.println("closed form  needs a stored distribution for every coordinate");
            return;
        }
        ClosedFormResult uq = ClosedFormUq.analyze(m);
        out.printf("closed form  mean %.6g, variance %.6g, std %.6g (exact for the model, no sampling)%n",
                uq.mean(), uq.variance(), uq.std());
        int width = width(m.names());
        out.printf("  %-" + width + "s  %8s  %8s%n", "input", "S", "ST");
        for (int d = 0; d < m.dimension(); d++) {
            out.printf("  %-" + width + "s  %8.4f  %8.4f%n", m.name(d), uq.firstOrder(d), uq.total(d));
        }
    }

    private static void printProvenance(SnaModel m, PrintWriter out) throws JsonProcessingException {
        if (m.provenance().isEmpty()) {
            out.println("provenance   none");
            return;
        }
        out.println("provenance");
        int width = width(new ArrayList<>(m.provenance().keySet()));
        for (Map.Entry<String, Object> e : m.provenance().entrySet()) {
            Object v = e.getValue();
            String text = v instanceof Map || v instanceof List ? JSON.writeValueAsString(v) : String.valueOf(v);
            out.printf("  %-" + width + "s  %s%n", e.getKey(), text);
        }
    }

    private static int width(List<String> names) {
        return Math.max(1, names.stream().mapToInt(String::length).max().orElse(1));
    }
}
