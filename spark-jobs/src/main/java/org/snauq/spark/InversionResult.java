package org.snauq.spark;

import java.io.Serializable;
import java.util.Arrays;
import org.snauq.inverse.Inversion;
import org.snauq.inverse.Laplace;
import org.snauq.inverse.MapStatus;

/**
 * What one observation set's inversion returns to the driver: the MAP and its status, the Laplace sds, the
 * posterior summary per unknown, the fit per observation and (when kept) the draws. The summary comes from the
 * MCMC draws, or, with {@code samples: 0}, from the Laplace approximation ({@link #SOURCE_LAPLACE}: mean = MAP,
 * quantiles MAP + z_p sd). Values that do not exist are NaN (a failed MAP has none), written as nulls.
 *
 * <p>A plain class, not a record: Kryo (the task results' serializer) cannot set a record's final fields.
 */
final class InversionResult implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String SOURCE_MCMC = "mcmc";
    static final String SOURCE_LAPLACE = "laplace";
    /** Standard normal quantiles at {@link Inversion#PROBABILITIES} (2.5, 50, 97.5 %). */
    private static final double[] Z = {-1.959963984540054, 0, 1.959963984540054};

    final long id;
    final String status;
    final String source;
    final double[] map;
    final double[] laplaceSd;
    final double[] mean;
    final double[] sd;
    final double[][] quantiles;
    final double[] rhat;
    final double[] ess;
    final double[] observed;
    final double[] noiseSd;
    final double[] predicted;
    /** draws[c][i][j]: chain c, kept draw i, unknown j; null when not kept. */
    final double[][][] draws;

    private InversionResult(long id, String status, String source, double[] map, double[] laplaceSd, double[] mean,
                            double[] sd, double[][] quantiles, double[] rhat, double[] ess, double[] observed,
                            double[] noiseSd, double[] predicted, double[][][] draws) {
        this.id = id;
        this.status = status;
        this.source = source;
        this.map = map;
        this.laplaceSd = laplaceSd;
        this.mean = mean;
        this.sd = sd;
        this.quantiles = quantiles;
        this.rhat = rhat;
        this.ess = ess;
        this.observed = observed;
        this.noiseSd = noiseSd;
        this.predicted = predicted;
        this.draws = draws;
    }

    /**
     * @param y     the observed values (read)
     * @param noise their noise sds (read)
     * @param keep  whether to keep the draws
     */
    static InversionResult of(long id, double[] y, double[] noise, Inversion.Result r, boolean keep) {
        int p = r.names().size();
        boolean failed = r.map().status() == MapStatus.FAILED;
        double[] map = failed ? nans(p) : r.map().theta().clone();
        Laplace laplace = r.laplace();
        double[] laplaceSd = nans(p);
        for (int j = 0; j < p && laplace.valid(); j++) {
            laplaceSd[j] = laplace.sd(j);
        }
        boolean mcmc = r.chains() != null;
        double[] mean = mcmc ? r.mean().clone() : map.clone();
        double[] sd = mcmc ? r.sd().clone() : laplaceSd.clone();
        double[][] q = new double[p][];
        for (int j = 0; j < p; j++) {
            q[j] = mcmc ? r.quantiles()[j].clone() : new double[Z.length];
            for (int k = 0; !mcmc && k < Z.length; k++) {
                q[j][k] = map[j] + Z[k] * laplaceSd[j];
            }
        }
        return new InversionResult(id, r.map().status().name().toLowerCase(java.util.Locale.ROOT),
                mcmc ? SOURCE_MCMC : SOURCE_LAPLACE, map, laplaceSd, mean, sd, q, r.rhat().clone(), r.ess().clone(),
                y.clone(), noise.clone(), failed ? nans(y.length) : r.prediction().clone(),
                keep && mcmc ? r.chains().samples() : null);
    }

    /** The same result without its draws (what the driver collects of every set). */
    InversionResult withoutDraws() {
        return draws == null ? this : new InversionResult(id, status, source, map, laplaceSd, mean, sd, quantiles,
                rhat, ess, observed, noiseSd, predicted, null);
    }

    private static double[] nans(int n) {
        double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        return v;
    }
}
