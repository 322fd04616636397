package org.snauq.als;

import org.snauq.stats.Mergeable;
import org.snauq.stats.MomentsAccumulator;

/**
 * Residuals e_j = y_j - u(z_j) of a model over a set of rows: the sum of squares, the moments of e (Pébay, via
 * {@link MomentsAccumulator}) and those of the responses y, so that
 * <pre>
 *   RMSE = sqrt(SSE / N),      Q2 = 1 - SSE / sum_j (y_j - mean(y))^2 = 1 - MSE / Var(y)
 * </pre>
 * (Var with divisor N: the predictivity coefficient of Marrel et al. 2008, eq. 10, on held-out rows). Mergeable: any
 * split of the rows accumulates separately and {@link #combine}s to the whole. Empty: every result NaN.
 *
 * <p>API CONTRACT: {@link #count()}, {@link #sse()}, {@link #rmse()}, {@link #q2()}, {@link #unexplained()},
 * {@link #meanResidual()},
 * {@link #residualSd()}, {@link #maxAbsResidual()}, {@link #responseMoments()}, {@link #combine}, {@link #copy}.
 */
public final class ResidualAccumulator implements Mergeable<ResidualAccumulator> {

    private static final long serialVersionUID = 1L;

    private final MomentsAccumulator residual;
    private final MomentsAccumulator response;
    private double sse;

    public ResidualAccumulator() {
        this(new MomentsAccumulator(), new MomentsAccumulator(), 0.0);
    }

    private ResidualAccumulator(MomentsAccumulator residual, MomentsAccumulator response, double sse) {
        this.residual = residual;
        this.response = response;
        this.sse = sse;
    }

    /** Adds one row: response y, model value u. */
    public void accept(double y, double u) {
        double e = y - u;
        sse += e * e;
        residual.accept(e);
        response.accept(y);
    }

    @Override
    public ResidualAccumulator combine(ResidualAccumulator other) {
        residual.combine(other.residual);
        response.combine(other.response);
        sse += other.sse;
        return this;
    }

    @Override
    public ResidualAccumulator copy() {
        return new ResidualAccumulator(residual.copy(), response.copy(), sse);
    }

    public long count() {
        return residual.count();
    }

    /** sum_j e_j^2. */
    public double sse() {
        return sse;
    }

    public double rmse() {
        return count() == 0 ? Double.NaN : Math.sqrt(sse / count());
    }

    /** 1 - SSE / sum_j (y_j - mean(y))^2; NaN when empty or the responses are constant. */
    public double q2() {
        return 1.0 - unexplained();
    }

    /** 1 - Q2 = SSE / sum_j (y_j - mean(y))^2, the share of the variance left (kept exact when Q2 rounds to 1). */
    public double unexplained() {
        double ss = response.centralMomentSum(2);
        return count() == 0 || !(ss > 0) ? Double.NaN : sse / ss;
    }

    /** Mean of e (the bias of the model on these rows). */
    public double meanResidual() {
        return residual.mean();
    }

    /** Sample standard deviation of e (divisor N - 1). */
    public double residualSd() {
        return residual.std();
    }

    public double maxAbsResidual() {
        return count() == 0 ? Double.NaN : Math.max(-residual.min(), residual.max());
    }

    /** The responses' moments (a copy). */
    public MomentsAccumulator responseMoments() {
        return response.copy();
    }
}
