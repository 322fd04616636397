package org.snauq.engine;

import java.util.List;
import java.util.Map;
import org.snauq.datasets.BenchmarkFunction;
import org.snauq.dist.InputSpec;
import org.snauq.model.SnaModel;
import org.snauq.models.UqModel;
import org.snauq.uq.ClosedFormResult;
import org.snauq.uq.ClosedFormUq;

/**
 * Closed-form moments and Sobol' indices for the {@code analytic} rows, computed on the driver: for an SNA model by
 * {@link ClosedFormUq} (METHOD.md section 4) under the study's input laws, for a built-in function from the
 * formulas of {@code org.snauq.datasets}, which hold under the function's standard inputs only.
 */
public final class Analytic {

    /**
     * Relative tolerance for a study parameter to count as the function's standard one: a bound typed as
     * {@code 3.14159265358979} differs from pi by 1e-15 relative, a different law by far more.
     */
    static final double SAME_LAW_TOLERANCE = 1e-12;

    private Analytic() {
    }

    /** The closed form of a model, or why there is none. */
    public record Outcome(AnalyticResult result, String missing) {

        static Outcome of(AnalyticResult r) {
            return new Outcome(r, null);
        }

        static Outcome none(String why) {
            return new Outcome(null, why);
        }
    }

    /** Closed-form moments and Sobol' indices of a single-output SNA model in study input order, or why not. */
    public static Outcome ofSna(UqModel model, List<InputSpec> inputs) {
        SnaModel sna = model.sna();
        if (sna == null) {
            return Outcome.none(model.description() + " is not an SNA");
        }
        if (model.outputs().size() != 1) {
            return Outcome.none("closed forms are computed for single-output SNA models, " + model.description()
                    + " has " + model.outputs().size() + " outputs");
        }
        ClosedFormResult r = ClosedFormUq.analyzeSpecs(sna, inputs);
        double[] s1 = new double[inputs.size()];
        double[] st = new double[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            int d = r.inputs().indexOf(inputs.get(i).name());
            s1[i] = r.firstOrder(d);
            st[i] = r.total(d);
        }
        return Outcome.of(new AnalyticResult(r.mean(), r.variance(), s1, st));
    }

    /**
     * The exact moments and Sobol' indices of benchmark function {@code f} in study input order, when it has them
     * and the study's inputs are its standard laws (the study lists exactly the function's inputs, in any order);
     * else why not.
     */
    public static Outcome ofFunction(BenchmarkFunction f, List<InputSpec> inputs) {
        if (f.mean().isEmpty() || f.variance().isEmpty() || f.firstOrder() == null || f.total() == null) {
            return Outcome.none("function " + f.name() + " has no known closed-form moments and Sobol' indices");
        }
        List<InputSpec> standard = f.inputs();
        double[] s1 = new double[inputs.size()];
        double[] st = new double[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            InputSpec in = inputs.get(i);
            int d = f.inputNames().indexOf(in.name());
            if (d < 0 || !sameLaw(standard.get(d), in)) {
                return Outcome.none("the closed form of function " + f.name() + " holds under its standard inputs "
                        + describe(standard) + ", the study has " + describe(List.of(in)));
            }
            s1[i] = f.firstOrder()[d];
            st[i] = f.total()[d];
        }
        return Outcome.of(new AnalyticResult(f.mean().getAsDouble(), f.variance().getAsDouble(), s1, st));
    }

    private static boolean sameLaw(InputSpec standard, InputSpec study) {
        if (!standard.dist().equals(study.dist()) || !standard.parameters().keySet().equals(study.parameters()
                .keySet()) || study.data() != null) {
            return false;
        }
        for (Map.Entry<String, Double> e : standard.parameters().entrySet()) {
            double a = e.getValue();
            double b = study.parameters().get(e.getKey());
            if (!(Math.abs(a - b) <= SAME_LAW_TOLERANCE * Math.max(Math.abs(a), Math.abs(b)))) {
                return false;
            }
        }
        return true;
    }

    /** {@code x1 ~ uniform(lower=-3.14159, upper=3.14159), ...}. */
    private static String describe(List<InputSpec> inputs) {
        StringBuilder b = new StringBuilder();
        for (InputSpec in : inputs) {
            b.append(b.length() == 0 ? "" : ", ").append(in.name()).append(" ~ ").append(in.dist()).append('(');
            String sep = "";
            for (Map.Entry<String, Double> e : in.parameters().entrySet()) {
                b.append(sep).append(e.getKey()).append('=').append(String.format(java.util.Locale.ROOT, "%.6g",
                        e.getValue()));
                sep = ", ";
            }
            b.append(')');
        }
        return b.toString();
    }
}
