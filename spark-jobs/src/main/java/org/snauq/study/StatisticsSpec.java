package org.snauq.study;

import java.util.List;
import java.util.Objects;

/**
 * What a study computes (the {@code statistics} block of a study file).
 *
 * @param moments        mean, variance, skewness, kurtosis, min, max and the mean's interval
 * @param quantiles      probabilities, each in (0, 1)
 * @param quantileMethod two-pass (exact at any n, the default), exact (sort) or sketch (one pass)
 * @param exceedance     thresholds t of P(Y &gt; t)
 * @param histogramBins  bins of the histogram, 0 = none
 * @param sobol          Sobol indices by pick-freeze
 * @param confidence     level of every confidence interval, in (0, 1)
 * @param analyticRows   closed-form rows (an SNA model, or a built-in function under its standard inputs)
 * @param keepSamples    also write every sample
 */
public record StatisticsSpec(boolean moments, List<Double> quantiles, QuantileMethod quantileMethod,
                             List<Double> exceedance, int histogramBins, boolean sobol, double confidence,
                             Analytic analyticRows, boolean keepSamples) {

    /** The study key {@code analytic}: absent, {@code true} or {@code false}. */
    public enum Analytic {
        /** Key absent: closed-form rows when the model has a closed form, silently none otherwise. */
        WHEN_KNOWN,
        /** {@code analytic: true}: closed-form rows, and a bad-input error when the model has no closed form. */
        REQUIRED,
        /** {@code analytic: false}: none. */
        OFF
    }

    /** Quantiles reported when a study does not list any. */
    public static final List<Double> DEFAULT_QUANTILES = List.of(0.01, 0.05, 0.5, 0.95, 0.99);

    /** Histogram bins when a study does not say. */
    public static final int DEFAULT_BINS = 64;

    public StatisticsSpec {
        quantiles = List.copyOf(quantiles);
        exceedance = List.copyOf(exceedance);
        Objects.requireNonNull(quantileMethod, "quantileMethod");
        Objects.requireNonNull(analyticRows, "analyticRows");
        for (double p : quantiles) {
            if (!(p > 0 && p < 1)) {
                throw new IllegalArgumentException("quantiles must lie in (0, 1), got " + p);
            }
        }
        for (double t : exceedance) {
            if (!Double.isFinite(t)) {
                throw new IllegalArgumentException("exceedance thresholds must be finite, got " + t);
            }
        }
        if (histogramBins < 0) {
            throw new IllegalArgumentException("histogram bins must be >= 0, got " + histogramBins);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must lie in (0, 1), got " + confidence);
        }
    }

    public static StatisticsSpec defaults() {
        return new StatisticsSpec(true, DEFAULT_QUANTILES, QuantileMethod.TWO_PASS, List.of(), DEFAULT_BINS, false,
                0.95, Analytic.WHEN_KNOWN, false);
    }

    /** Whether closed-form rows are wanted (when the model has them). */
    public boolean analytic() {
        return analyticRows != Analytic.OFF;
    }

    public StatisticsSpec withSobol(boolean v) {
        return new StatisticsSpec(moments, quantiles, quantileMethod, exceedance, histogramBins, v, confidence,
                analyticRows, keepSamples);
    }

    public StatisticsSpec withKeepSamples(boolean v) {
        return new StatisticsSpec(moments, quantiles, quantileMethod, exceedance, histogramBins, sobol, confidence,
                analyticRows, v);
    }
}
