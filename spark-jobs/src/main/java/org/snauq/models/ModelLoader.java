package org.snauq.models;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.snauq.datasets.BenchmarkFunction;
import org.snauq.datasets.BenchmarkFunctions;
import org.snauq.dist.Distribution;
import org.snauq.dist.Distributions;
import org.snauq.dist.InputSpec;
import org.snauq.model.SnaModel;
import org.snauq.study.DomainPolicy;
import org.snauq.study.Limits;
import org.snauq.study.ModelSource;
import org.snauq.study.Study;
import org.snauq.study.StudyException;
import org.snauq.study.SweepSpec;

/**
 * Obtains a study's model from its source and checks that it fits the study's inputs: the same names (in any
 * order), a parsable expression in those names, and, for SNA models, inputs that stay inside the model's domain
 * (DESIGN.md section 3, {@code domain-policy}). Every failure is a one-line {@link StudyException}.
 *
 * <p>Domain check, for policy {@code error}: a bounded input must have its support inside the domain; for an
 * unbounded input the expected number of samples outside, n P(X outside), must stay below one. The engine
 * still counts samples outside during the run and fails the run if any occurs.
 */
public final class ModelLoader {

    /** Reads training data for {@code model: {train: ...}} (Parquet or CSV; Spark-backed in the jobs). */
    public interface TableReader {
        /**
         * The named numeric columns of a table file.
         *
         * @return one array per column, in the order asked, all of one length
         * @throws org.snauq.study.BadInputException naming the file and the column when one is missing or not
         *                                          numeric
         */
        double[][] read(java.nio.file.Path file, List<String> columns);
    }

    /** Builds an SNA from training data (ALS) or from a PDE problem (VSNA), when those are available. */
    public interface SnaBuilder {
        LoadedModel train(Study study, ModelSource.Train source, TableReader reader);

        LoadedModel solve(Study study, ModelSource.Solve source);

        SnaModel read(Study study, ModelSource.SnaFile source);
    }

    private ModelLoader() {
    }

    /**
     * The study's model, checked against its inputs: names (the model's outputs are not inputs, in any case) and,
     * under domain-policy error, the domain. For a sweep study the model is obtained with the sweep's loading study
     * (uncertain inputs, then design inputs) and checked against the sweep.
     *
     * @param builder obtains SNA models (file, training, solving)
     * @param reader  reads training data
     */
    public static LoadedModel load(Study study, SnaBuilder builder, TableReader reader) {
        SweepSpec sweep = study.sweep();
        Study loading = sweep == null ? study : sweep.loadingStudy(study);
        LoadedModel loaded = obtain(loading, builder, reader);
        if (sweep == null) {
            checkDomain(study, loaded.model());
        } else {
            checkSweep(study, sweep, loaded.model());
        }
        checkOutputs(loading, loaded.model());
        return loaded;
    }

    private static LoadedModel obtain(Study study, SnaBuilder builder, TableReader reader) {
        ModelSource source = study.model();
        if (source instanceof ModelSource.Function f) {
            return function(study, f);
        } else if (source instanceof ModelSource.Expression e) {
            return expression(study, e);
        } else if (source instanceof ModelSource.SnaFile s) {
            SnaModel m = builder.read(study, s);
            return sna(study, m, "sna file " + s.path().getFileName(), Map.of("model_file", s.path().toString()));
        } else if (source instanceof ModelSource.Train t) {
            return builder.train(study, t, reader);
        }
        return builder.solve(study, (ModelSource.Solve) source);
    }

    /** No input is named like an output (in any case: Spark resolves columns case-insensitively). */
    static void checkOutputs(Study study, UqModel model) {
        List<String> inputs = study.inputNames();
        for (String output : model.outputs()) {
            for (int i = 0; i < inputs.size(); i++) {
                if (Limits.folded(inputs.get(i)).equals(Limits.folded(output))) {
                    throw new StudyException(study.fileName() + ": inputs[" + i + "].name '" + inputs.get(i)
                            + "' is also the name of the model's output" + (output.equals(inputs.get(i)) ? ""
                            : " '" + output + "'") + " (" + model.description() + "); rename the input");
                }
            }
        }
    }

    /**
     * Checks what a sweep needs of the model: one output, the window names its QoIs, a melt-pool QoI has an SNA,
     * and under domain-policy error the uncertain inputs lie in its domain.
     */
    static void checkSweep(Study study, SweepSpec sweep, UqModel model) {
        if (model.outputs().size() != 1) {
            throw new StudyException(study.fileName() + ": sweep needs a model with one output, got "
                    + String.join(", ", model.outputs()));
        }
        sweep.checkWindow(study, model.outputs().get(0));
        if (sweep.meltPool() != null && model.sna() == null) {
            throw new StudyException(study.fileName() + ": sweep.qoi.melt-pool needs an SNA model (sna, train or"
                    + " solve), got " + model.description());
        }
        double[] lower = model.domainLower();
        if (lower != null && study.domainPolicy() == DomainPolicy.ERROR) {
            checkDomain(sweep.domainStudy(study, lower), model);
        }
    }

    private static LoadedModel function(Study study, ModelSource.Function f) {
        BenchmarkFunction fn;
        try {
            fn = BenchmarkFunctions.byName(f.name());
        } catch (IllegalArgumentException e) {
            throw new StudyException(study.fileName() + ": model.function: " + e.getMessage());
        }
        int[] columns = columns(study, fn.inputNames(), "function " + fn.name());
        return new LoadedModel(new FunctionModel(fn.name(), study.inputNames(), columns),
                sha256("function:" + fn.name()), Map.of("function", fn.name()));
    }

    private static LoadedModel expression(Study study, ModelSource.Expression e) {
        String[] names = study.inputNames().toArray(String[]::new);
        for (int i = 0; i < names.length; i++) {
            if (Limits.EXPRESSION_CONSTANTS.contains(names[i])) { // exp4j would let the variable hide the constant
                throw new StudyException(study.fileName() + ": input '" + names[i] + "' would hide the constant "
                        + names[i] + " of model.expression; rename the input");
            }
        }
        String only = e.formulas().size() == 1 ? e.formulas().get(ModelSource.Expression.DEFAULT_OUTPUT) : null;
        for (Map.Entry<String, String> f : e.formulas().entrySet()) {
            try {
                ExpressionModel.compile(f.getValue(), names);
            } catch (RuntimeException ex) { // exp4j reports syntax errors as IllegalArgumentException and others
                String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
                throw new StudyException(study.fileName() + ": model.expression" + (only != null ? "" : "."
                        + f.getKey()) + ": " + msg.replaceAll("\\s+", " ").trim() + " (variables are the inputs: "
                        + String.join(", ", names) + ")");
            }
        }
        String text = only != null ? only : e.formulas().toString();
        return new LoadedModel(new ExpressionModel(e.formulas(), study.inputNames()), sha256("expression:" + text),
                Map.of("expression", text));
    }

    /**
     * An SNA as a study model: checks its coordinates against the inputs.
     *
     * @param description what it is, for logs and the manifest
     */
    public static LoadedModel sna(Study study, SnaModel model, String description, Map<String, Object> report) {
        int[] columns = columns(study, model.names(), description);
        return new LoadedModel(new SnaUqModel(model, study.inputNames(), columns, description), hash(model), report);
    }

    /** columns[d] = the study column of model coordinate d; names must match as sets. */
    static int[] columns(Study study, List<String> modelNames, String what) {
        List<String> inputs = study.inputNames();
        for (int i = 0; i < inputs.size(); i++) {
            if (!modelNames.contains(inputs.get(i))) {
                throw new StudyException(study.fileName() + ": inputs[" + i + "].name: the model (" + what
                        + ") has no input '" + inputs.get(i) + "'; its inputs are " + String.join(", ", modelNames));
            }
        }
        int[] columns = new int[modelNames.size()];
        List<String> missing = new ArrayList<>();
        for (int d = 0; d < modelNames.size(); d++) {
            columns[d] = inputs.indexOf(modelNames.get(d));
            if (columns[d] < 0) {
                missing.add(modelNames.get(d));
            }
        }
        if (!missing.isEmpty()) {
            throw new StudyException(study.fileName() + ": inputs: the model (" + what + ") also needs "
                    + String.join(", ", missing) + ", which the study does not list");
        }
        return columns;
    }

    public static void checkDomain(Study study, UqModel model) {
        double[] lo = model.domainLower();
        double[] hi = model.domainUpper();
        if (lo == null || study.domainPolicy() == DomainPolicy.CLAMP) {
            return;
        }
        long n = study.sampling().n();
        for (int i = 0; i < study.inputs().size(); i++) {
            InputSpec spec = study.inputs().get(i);
            Distribution dist = Distributions.of(spec);
            double below = lo[i] - dist.supportLower();
            double above = dist.supportUpper() - hi[i];
            String where = study.fileName() + ": inputs[" + i + "] (" + spec.name() + ", " + spec.dist() + "): ";
            String domain = "the model's domain [" + lo[i] + ", " + hi[i] + "]";
            String fix = "; widen the model or set domain-policy: clamp";
            if (dist.isBounded() || dist.isConstant()) {
                if (below > 0 || above > 0) {
                    throw new StudyException(where + "support [" + dist.supportLower() + ", " + dist.supportUpper()
                            + "] reaches " + Math.max(below, above) + " outside " + domain + fix);
                }
            } else {
                double pOut = dist.cdf(lo[i]) + (1.0 - dist.cdf(hi[i]));
                if (pOut * n >= 1.0) {
                    double far = Math.max(lo[i] - dist.inverseCdf(0.5 / n), dist.inverseCdf(1 - 0.5 / n) - hi[i]);
                    throw new StudyException(where + String.format(java.util.Locale.ROOT,
                            "about %.0f of %d samples would fall outside %s (P = %.3g), up to about %.3g beyond%s",
                            pOut * n, n, domain, pOut, far, fix));
                }
            }
        }
    }

    /** SHA-256 of the SNA's defining numbers: names, knots, lambda, factors, output. */
    static String hash(SnaModel m) {
        MessageDigest md = sha();
        ByteBuffer b = ByteBuffer.allocate(8);
        for (int d = 0; d < m.dimension(); d++) {
            md.update(m.name(d).getBytes(StandardCharsets.UTF_8));
            for (double k : m.basis(d).knots().knots()) {
                md.update(b.clear().putDouble(k).array());
            }
            for (double w : m.factor(d)) {
                md.update(b.clear().putDouble(w).array());
            }
        }
        for (double l : m.lambda()) {
            md.update(b.clear().putDouble(l).array());
        }
        md.update(m.output().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(sha().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
