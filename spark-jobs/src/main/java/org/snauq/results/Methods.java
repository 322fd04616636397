package org.snauq.results;

/** Values of the {@code method} column: how a row's numbers were obtained. */
public final class Methods {

    /** Estimated from the samples. */
    public static final String SAMPLING = "sampling";
    /** Closed form of an SNA (METHOD.md section 4): no sample size, no interval. */
    public static final String ANALYTIC = "analytic";
    /** Pick-freeze Sobol' rows: Saltelli et al. (2010) first order, Jansen (1999) total. */
    public static final String SALTELLI = "saltelli";
    /** A sweep's summary: the moments of the best design's QoIs. */
    public static final String BEST_DESIGN = "best-design";

    private Methods() {
    }
}
