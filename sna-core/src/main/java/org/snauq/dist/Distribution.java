package org.snauq.dist;

/**
 * A one-dimensional input distribution.
 *
 * <p>API CONTRACT (others build on it; extend, do not change). Implementations are immutable and
 * thread safe; {@code inverseCdf} is called on hot paths and must not allocate.
 */
public interface Distribution {

    /** x with P(X &lt;= x) = u, for u in (0, 1); u = 0 or 1 give the support's ends (may be infinite). */
    double inverseCdf(double u);

    /** P(X &lt;= x). */
    double cdf(double x);

    /** Probability density at x (0 outside the support; for {@code constant}, NaN). */
    double density(double x);

    double mean();

    double variance();

    /** Lower end of the support (may be -infinity). */
    double supportLower();

    /** Upper end of the support (may be +infinity). */
    double supportUpper();

    /** True when the support is a finite interval. */
    default boolean isBounded() {
        return Double.isFinite(supportLower()) && Double.isFinite(supportUpper());
    }

    /** True for a point mass ({@code constant}). */
    default boolean isConstant() {
        return false;
    }
}
