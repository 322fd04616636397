package org.snauq.spark;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.snauq.results.ResultTable;
import org.snauq.results.TableRows;

/**
 * The rows of an inversion's tables ({@link ResultTable#ESTIMATES}, {@link ResultTable#FIT},
 * {@link ResultTable#POSTERIOR}) from its {@link InversionResult}s, in the tables' column order. A value that does
 * not exist (NaN in the result: a failed MAP, no Laplace covariance, R-hat without draws) is a null cell, so no
 * table shows a number that was not computed.
 */
final class InversionTables {

    private InversionTables() {
    }

    /** One row per unknown: MAP, status, Laplace sd, posterior summary and diagnostics. */
    static void estimates(TableRows rows, InversionResult r, List<String> unknowns) {
        for (int j = 0; j < unknowns.size(); j++) {
            rows.add(r.id, unknowns.get(j), r.status, cell(r.map[j]), cell(r.laplaceSd[j]), r.source,
                    cell(r.mean[j]), cell(r.sd[j]), cell(r.quantiles[j][0]), cell(r.quantiles[j][1]),
                    cell(r.quantiles[j][2]), cell(r.rhat[j]), cell(r.ess[j]));
        }
    }

    /** One row per observation: observed, noise sd, predicted at the MAP and the standardised residual. */
    static void fit(TableRows rows, InversionResult r, List<String> observations) {
        for (int i = 0; i < observations.size(); i++) {
            double residual = (r.observed[i] - r.predicted[i]) / r.noiseSd[i];
            rows.add(r.id, observations.get(i), r.observed[i], r.noiseSd[i], cell(r.predicted[i]), cell(residual));
        }
    }

    /** One row per chain and kept draw (none when the draws were not kept). */
    static void posterior(TableRows rows, InversionResult r) {
        if (r.draws == null) {
            return;
        }
        for (int c = 0; c < r.draws.length; c++) {
            for (int i = 0; i < r.draws[c].length; i++) {
                rows.add(posteriorRow(r.id, c, i, r.draws[c][i]));
            }
        }
    }

    /** The posterior rows as Spark rows with the study and run ID first (the executors write them). */
    static java.util.Iterator<Row> posteriorRows(InversionResult r, String study, String runId) {
        if (r.draws == null) {
            return java.util.Collections.emptyIterator();
        }
        int perChain = r.draws.length == 0 ? 0 : r.draws[0].length;
        return new java.util.Iterator<>() {
            private int k;

            @Override
            public boolean hasNext() {
                return k < r.draws.length * perChain;
            }

            @Override
            public Row next() {
                int c = k / perChain;
                int i = k % perChain;
                k++;
                Object[] own = posteriorRow(r.id, c, i, r.draws[c][i]);
                Object[] all = new Object[own.length + 2];
                all[0] = study;
                all[1] = runId;
                System.arraycopy(own, 0, all, 2, own.length);
                return RowFactory.create(all);
            }
        };
    }

    private static Object[] posteriorRow(long id, int chain, int draw, double[] theta) {
        Object[] v = new Object[3 + theta.length];
        v[0] = id;
        v[1] = chain;
        v[2] = (long) draw;
        for (int j = 0; j < theta.length; j++) {
            v[3 + j] = theta[j];
        }
        return v;
    }

    private static Double cell(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
