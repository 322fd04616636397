package org.snauq.als;

import java.util.List;
import org.snauq.basis.BSplineBasis;

/**
 * The rows of an ALS fit at one resolution, wherever they live: the passes over them that ALS makes. The
 * algorithm ({@link AlsRegression}) runs on the driver and sees the rows only through these calls, so a fit over
 * rows in memory ({@code LocalPasses}) and one over rows spread across executors (each pass a Spark
 * {@code treeAggregate} of {@link CoordinatePass} or {@link ResidualPass} accumulators) run the same algorithm and
 * give the same model up to the order of the sums over rows.
 *
 * <p>Rows are split into training and validation rows once, by {@link ValidationSplit}. Offsets and terms are
 * read-only; null means zero.
 *
 * <p>API CONTRACT (the distributed trainer implements it): every method below.
 */
public interface AlsPasses {

    /** The atoms of every coordinate, the same for every pass. */
    List<BSplineBasis> bases();

    /**
     * Normal equations of coordinate d over the training rows: sums of a_j a_j^T and a_j r_j with
     * a_j = B^d(z_jd) kron c_j, c_jr = prod_{e != d} phi_r^e(z_je) of {@code terms}, and the residual
     * r_j = y_j - offset(z_j) - a_j . V, V = W^d diag(lambda) of {@code terms} (filled by {@link CoordinatePass}).
     */
    NormalEquationsAccumulator normalEquations(int d, CpFactors terms, CpFactors offset);

    /** Residuals y_j - offset(z_j) - terms(z_j) over the training rows. */
    ResidualAccumulator trainingResiduals(CpFactors terms, CpFactors offset);

    /** Residuals y_j - offset(z_j) - terms(z_j) over the validation rows. */
    ResidualAccumulator validationResiduals(CpFactors terms, CpFactors offset);
}
