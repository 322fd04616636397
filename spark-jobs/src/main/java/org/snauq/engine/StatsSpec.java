package org.snauq.engine;

import java.io.Serializable;

/**
 * What a sampling run computes, as the engine needs it (the study's {@code statistics} and {@code on-failure}
 * keys, translated by the caller): plain values, serialisable, shipped with the tasks.
 *
 * @param source         what messages start with, e.g. the study file name {@code "s.yaml"}
 * @param moments        the summary table's moments rows
 * @param quantiles      probabilities of the quantiles table, each in (0, 1)
 * @param exactQuantiles keep every sample instead of a KLL sketch
 * @param thresholds     exceedance thresholds t of P(Y &gt; t)
 * @param histogramBins  bins per output, 0 = no histogram
 * @param sobol          pick-freeze rows for Sobol' indices
 * @param confidence     level of every interval, in (0, 1)
 * @param skipFailures   failed samples are left out and recorded (else the first one stops the run)
 */
public record StatsSpec(String source, boolean moments, double[] quantiles, boolean exactQuantiles,
                        double[] thresholds, int histogramBins, boolean sobol, double confidence,
                        boolean skipFailures) implements Serializable {

    public StatsSpec {
        quantiles = quantiles.clone();
        thresholds = thresholds.clone();
        if (sobol && skipFailures) {
            throw new IllegalArgumentException("pick-freeze rows cannot skip failed samples (the estimator needs"
                    + " every row)");
        }
    }

    @Override
    public double[] quantiles() {
        return quantiles.clone();
    }

    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }
}
