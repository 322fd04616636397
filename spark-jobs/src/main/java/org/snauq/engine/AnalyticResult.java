package org.snauq.engine;

/**
 * Closed-form moments and Sobol' indices of an SNA under the study's input distributions (METHOD.md section 4),
 * for the {@code analytic} rows.
 *
 * @param mean     E[u]
 * @param variance Var[u]
 * @param s1       first-order indices, one per input in study order
 * @param st       total indices, one per input in study order
 */
public record AnalyticResult(double mean, double variance, double[] s1, double[] st) {
}
