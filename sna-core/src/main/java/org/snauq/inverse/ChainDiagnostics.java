package org.snauq.inverse;

/**
 * Convergence diagnostics of several MCMC chains of one scalar (Gelman et al., Bayesian Data Analysis, 3rd ed.,
 * section 11.4-11.5; the Stan reference manual's forms):
 *
 * <ul>
 * <li>split R-hat: each chain cut in halves (2M chains of N/2); W = mean within-chain variance, B/n = variance of
 * the chain means, var+ = (n - 1)/n W + B/n, R = sqrt(var+ / W). Near 1 when the chains agree; &gt; 1.01 is a
 * warning.</li>
 * <li>effective sample size: autocorrelations rho_t = 1 - (W - mean_c acov_c(t)) / var+ over the M chains, summed
 * by Geyer's initial monotone positive sequence (pairs rho_2k + rho_2k+1 while positive, made non-increasing);
 * ESS = M N / (-1 + 2 sum of pairs).</li>
 * </ul>
 * Chains of length &lt; 4 give NaN. Stateless.
 */
public final class ChainDiagnostics {

    private ChainDiagnostics() {
    }

    /** Split R-hat of chains[c][i] (equal lengths). */
    public static double splitRhat(double[][] chains) {
        int n = chains[0].length / 2;
        if (n < 2) {
            return Double.NaN;
        }
        double[][] halves = new double[2 * chains.length][];
        for (int c = 0; c < chains.length; c++) {
            halves[2 * c] = java.util.Arrays.copyOfRange(chains[c], 0, n);
            halves[2 * c + 1] = java.util.Arrays.copyOfRange(chains[c], chains[c].length - n, chains[c].length);
        }
        double[] wv = withinAndPlus(halves);
        return Math.sqrt(wv[1] / wv[0]);
    }

    /** {W, var+} of equal-length chains. */
    private static double[] withinAndPlus(double[][] chains) {
        int mChains = chains.length;
        int n = chains[0].length;
        double[] means = new double[mChains];
        double w = 0;
        for (int c = 0; c < mChains; c++) {
            double mean = 0;
            for (double v : chains[c]) {
                mean += v;
            }
            mean /= n;
            means[c] = mean;
            double ss = 0;
            for (double v : chains[c]) {
                ss += (v - mean) * (v - mean);
            }
            w += ss / (n - 1);
        }
        w /= mChains;
        double grand = 0;
        for (double mean : means) {
            grand += mean;
        }
        grand /= mChains;
        double bOverN = 0;
        if (mChains > 1) {
            for (double mean : means) {
                bOverN += (mean - grand) * (mean - grand);
            }
            bOverN /= mChains - 1;
        }
        return new double[] {w, (n - 1.0) / n * w + bOverN};
    }

    /** Effective sample size of chains[c][i] (equal lengths) pooled. */
    public static double ess(double[][] chains) {
        int mChains = chains.length;
        int n = chains[0].length;
        if (n < 4) {
            return Double.NaN;
        }
        double[] wv = withinAndPlus(chains);
        double w = wv[0];
        double varPlus = wv[1];
        if (!(varPlus > 0)) {
            return Double.NaN;
        }
        double[] means = new double[mChains];
        for (int c = 0; c < mChains; c++) {
            for (double v : chains[c]) {
                means[c] += v;
            }
            means[c] /= n;
        }
        double sum = 0;
        double previousPair = Double.POSITIVE_INFINITY;
        for (int t = 0; t + 1 < n; t += 2) {
            double pair = rho(chains, means, t, w, varPlus) + rho(chains, means, t + 1, w, varPlus);
            if (!(pair > 0)) {
                break;
            }
            pair = Math.min(pair, previousPair); // initial monotone sequence
            previousPair = pair;
            sum += pair;
        }
        double tau = -1 + 2 * sum;
        return mChains * (double) n / Math.max(tau, 1.0 / Math.log10(Math.max(10, mChains * (double) n)));
    }

    /** rho_t combined over chains, autocovariances with the biased 1/n estimator. */
    private static double rho(double[][] chains, double[] means, int t, double w, double varPlus) {
        if (t == 0) {
            return 1;
        }
        int n = chains[0].length;
        double acov = 0;
        for (int c = 0; c < chains.length; c++) {
            double[] x = chains[c];
            double mu = means[c];
            double s = 0;
            for (int i = 0; i + t < n; i++) {
                s += (x[i] - mu) * (x[i + t] - mu);
            }
            acov += s / n;
        }
        acov /= chains.length;
        return 1 - (w - acov) / varPlus;
    }
}
