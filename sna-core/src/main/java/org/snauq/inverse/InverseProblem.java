package org.snauq.inverse;

import java.util.List;
import java.util.Objects;

/**
 * A Bayesian inverse problem with Gaussian noise: unknowns theta with independent priors, observations y_i with
 * standard deviations sigma_i, and a forward model F. The negative log posterior (up to a constant) is
 *
 * <pre>  Phi(theta) = 1/2 sum_i ((F_i(theta) - y_i) / sigma_i)^2 - sum_j log p_j(theta_j),</pre>
 *
 * on the box where both the priors and the model are defined (lower_j, upper_j): the posterior is the prior
 * truncated to the model's domain times the likelihood. Immutable apart from the forward model's scratch (one
 * problem per thread).
 */
public final class InverseProblem {

    private final List<String> names;
    private final List<Prior> priors;
    private final ForwardModel forward;
    private final double[] observed;
    private final double[] sd;
    private final double[] lower;
    private final double[] upper;
    private final double[] scale;

    /**
     * @param names    the unknowns' names, one per model parameter
     * @param priors   one per unknown
     * @param forward  the model
     * @param observed y, length m (read)
     * @param sd       sigma, length m, each &gt; 0 (read); see {@link #relativeNoise}
     * @throws IllegalArgumentException naming the unknown or observation: sizes, sd &lt;= 0, non-finite y, a prior
     *                                  with no mass in the model's domain
     */
    public InverseProblem(List<String> names, List<Prior> priors, ForwardModel forward, double[] observed,
                          double[] sd) {
        int p = forward.parameters();
        int m = forward.observations();
        if (names.size() != p || priors.size() != p) {
            throw new IllegalArgumentException("unknowns: the model has " + p + " but " + names.size() + " names and "
                    + priors.size() + " priors were given");
        }
        if (p < 1) {
            throw new IllegalArgumentException("unknowns: at least one is needed");
        }
        if (observed.length != m || sd.length != m) {
            throw new IllegalArgumentException("observations: the model predicts " + m + " but " + observed.length
                    + " values and " + sd.length + " noise sds were given");
        }
        for (int i = 0; i < m; i++) {
            if (!Double.isFinite(observed[i])) {
                throw new IllegalArgumentException("observations[" + i + "] must be finite, got " + observed[i]);
            }
            if (!(sd[i] > 0) || !Double.isFinite(sd[i])) {
                throw new IllegalArgumentException("observations[" + i + "]: noise sd must be > 0, got " + sd[i]);
            }
        }
        this.names = List.copyOf(names);
        this.priors = List.copyOf(priors);
        this.forward = Objects.requireNonNull(forward);
        this.observed = observed.clone();
        this.sd = sd.clone();
        this.lower = new double[p];
        this.upper = new double[p];
        this.scale = new double[p];
        for (int j = 0; j < p; j++) {
            var law = priors.get(j).law();
            lower[j] = Math.max(law.supportLower(), forward.lower(j));
            upper[j] = Math.min(law.supportUpper(), forward.upper(j));
            if (!(lower[j] < upper[j]) || !(law.cdf(upper[j]) - law.cdf(lower[j]) > 0)) {
                throw new IllegalArgumentException("unknown " + names.get(j) + ": the prior has no mass in the model's"
                        + " domain [" + forward.lower(j) + ", " + forward.upper(j) + "]");
            }
            double width = upper[j] - lower[j];
            scale[j] = Double.isFinite(width) ? width : Math.sqrt(law.variance());
        }
    }

    /** Noise sd = relative * |y_i| for every observation (a relative error; y_i = 0 is rejected as sd = 0). */
    public static double[] relativeNoise(double relative, double[] observed) {
        double[] s = new double[observed.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = relative * Math.abs(observed[i]);
        }
        return s;
    }

    public List<String> names() {
        return names;
    }

    public List<Prior> priors() {
        return priors;
    }

    public ForwardModel forward() {
        return forward;
    }

    public int parameters() {
        return names.size();
    }

    public int observations() {
        return observed.length;
    }

    public double[] observed() {
        return observed.clone();
    }

    public double[] sd() {
        return sd.clone();
    }

    double observed(int i) {
        return observed[i];
    }

    double sd(int i) {
        return sd[i];
    }

    /** Lower end of the posterior's box for unknown j. */
    public double lower(int j) {
        return lower[j];
    }

    public double upper(int j) {
        return upper[j];
    }

    /** The width of the box, or the prior's sd where the box is unbounded: the unit of unknown j's steps. */
    double scale(int j) {
        return scale[j];
    }

    /** True when theta lies in the box. */
    boolean inside(double[] theta) {
        for (int j = 0; j < theta.length; j++) {
            if (!(theta[j] >= lower[j] && theta[j] <= upper[j])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Phi(theta) (+infinity outside the box or the model's domain); fills the prediction, and the Jacobian when
     * jacobian is not null.
     */
    double cost(double[] theta, double[] prediction, double[] jacobian) {
        if (!inside(theta) || !forward.predict(theta, prediction, jacobian)) {
            return Double.POSITIVE_INFINITY;
        }
        double phi = 0;
        for (int i = 0; i < observed.length; i++) {
            double r = (prediction[i] - observed[i]) / sd[i];
            phi += 0.5 * r * r;
        }
        for (int j = 0; j < theta.length; j++) {
            phi -= priors.get(j).logDensity(theta[j]);
        }
        return Double.isNaN(phi) ? Double.POSITIVE_INFINITY : phi;
    }
}
