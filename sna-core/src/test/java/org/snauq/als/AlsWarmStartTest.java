package org.snauq.als;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snauq.model.SnaModel;

/**
 * Warm starts ({@link AlsRegression#fit(TrainingData, AlsConfig, SnaModel)}): a model trained on half the rows
 * starts the fit on all of them, which reaches the error of a cold fit in at most half the sweeps (the issue's
 * bar); its resolution and rank carry over; a model of other coordinates is refused.
 */
class AlsWarmStartTest {

    private static final int ROWS = 2000;
    private static final int DIM = 4;
    private static final List<String> NAMES = List.of("a", "b", "c", "d");

    /**
     * exp(-x1) sin(2 x2) (1 + x3) x4 + x1^2 cos(x3) + (1 + x2) x3 exp(x4) on [0, 1]^4: separation rank 3 with factors
     * no spline space holds exactly; the data of a process retrained on new rows.
     */
    private static double target(double[] x, int off) {
        double a = x[off];
        double b = x[off + 1];
        double c = x[off + 2];
        double d = x[off + 3];
        return Math.exp(-a) * Math.sin(2 * b) * (1 + c) * d + a * a * Math.cos(c) + (1 + b) * c * Math.exp(d);
    }

    private static TrainingData rows(int from, int to) {
        SplittableRandom rng = new SplittableRandom(17);
        double[] x = new double[ROWS * DIM];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble();
        }
        double[] y = new double[ROWS];
        for (int j = 0; j < ROWS; j++) {
            y[j] = target(x, j * DIM);
        }
        double[] lower = new double[DIM];
        double[] upper = {1, 1, 1, 1};
        return TrainingData.of(NAMES, Arrays.copyOfRange(x, from * DIM, to * DIM), Arrays.copyOfRange(y, from, to),
                lower, upper);
    }

    @Test
    void fit_fixedRankFromModelOfHalfTheRows_reachesColdErrorInHalfTheSweeps() {
        AlsConfig config = AlsConfig.defaults().withKnots(8).withRank(3); // the target's rank
        SnaModel half = AlsRegression.fit(rows(0, ROWS / 2), config).model();
        TrainingData all = rows(0, ROWS);

        AlsFit cold = AlsRegression.fit(all, config);
        AlsFit warm = AlsRegression.fit(all, config, half);

        // one rank, swept from the half model: the sweep after which its training error first reaches the cold
        // fit's (the same rows, so the same measure); the warm fit may go on below it
        List<Double> history = warm.report().steps().get(0).sweepErrors();
        int reached = 0;
        while (reached < history.size() && history.get(reached) > cold.report().trainingError()) {
            reached++;
        }
        String both = cold.report().format() + "\n" + warm.report().format();
        System.out.printf("rank 3, 2,000 rows: cold %d sweeps to %.3e, warm from 1,000 rows reaches it after %d%n",
                cold.report().totalSweeps(), cold.report().trainingError(), reached + 1);
        assertTrue(reached < history.size(), both);
        assertTrue(2 * (reached + 1) <= cold.report().totalSweeps(), both);
        assertTrue(warm.report().validationError() <= cold.report().validationError() * (1 + margin(cold)), both);
        assertEquals(1, warm.report().steps().size(), "a fixed rank from a model of that rank: no enrichment");
        assertEquals(true, warm.model().provenance().get("warmStart"));
        assertEquals(8, warm.model().provenance().get("chosenKnots"));
    }

    @Test
    void fit_autoRankFromModelOfHalfTheRows_reachesColdErrorInHalfTheSweeps() {
        AlsConfig config = AlsConfig.defaults().withKnots(8);
        SnaModel half = AlsRegression.fit(rows(0, ROWS / 2), config).model();
        TrainingData all = rows(0, ROWS);

        AlsFit cold = AlsRegression.fit(all, config);
        AlsFit warm = AlsRegression.fit(all, config, half);

        // the sweeps spent until a rank first reaches the cold fit's error (a warm fit may then enrich further)
        double target = cold.report().validationError() * (1 + margin(cold));
        long spent = 0;
        boolean reached = false;
        for (FitReport.RankStep step : warm.report().steps()) {
            spent += step.enrichmentSweeps() + step.sweeps();
            if (step.validationError() <= target) {
                reached = true;
                break;
            }
        }
        String both = cold.report().format() + "\n" + warm.report().format();
        System.out.printf("rank auto, 2,000 rows: cold %d sweeps to %.3e, warm from 1,000 rows reaches it after %d%n",
                cold.report().totalSweeps(), cold.report().validationError(), spent);
        assertTrue(reached, both);
        assertTrue(2 * spent <= cold.report().totalSweeps(), "spent " + spent + "\n" + both);
    }

    /** The noise of a validation RMSE, 1 / sqrt(2 N_v): "reaching an error" means not above it by more. */
    private static double margin(AlsFit fit) {
        return 1.0 / Math.sqrt(2.0 * fit.report().validationRows());
    }

    @Test
    void fit_autoResolutionFromInit_takesItsDegreeAndAtoms() {
        SnaModel init = AlsRegression.fit(rows(0, ROWS / 2), AlsConfig.defaults().withKnots(6)).model();

        AlsFit warm = AlsRegression.fit(rows(0, ROWS), AlsConfig.defaults().withAutoResolution(), init);

        assertEquals(6, warm.model().basis(0).count());
        assertEquals(3, warm.model().basis(0).degree());
        assertTrue(warm.report().candidates().isEmpty());
    }

    @Test
    void fit_refinedAtomsAndLowerFixedRank_startsFromTheStrongestTerms() {
        SnaModel init = AlsRegression.fit(rows(0, ROWS / 2), AlsConfig.defaults().withKnots(6)).model();
        int rank = init.rank() - 1;

        AlsFit warm = AlsRegression.fit(rows(0, ROWS), AlsConfig.defaults().withKnots(11).withRank(rank), init);

        assertEquals(rank, warm.model().rank());
        assertEquals(11, warm.model().basis(0).count());
        assertEquals(1, warm.report().steps().size(), "no enrichment: " + warm.report().format());
        assertTrue(warm.report().validationError() < 1e-2, warm.report().format());
    }

    @Test
    void fit_initWithOtherCoordinates_namesBoth() {
        SnaModel init = AlsRegression.fit(rows(0, ROWS / 2), AlsConfig.defaults().withKnots(6)).model();
        TrainingData other = TrainingData.of(List.of("a", "b", "d", "c"), rows(0, 100).x(), rows(0, 100).y());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AlsRegression.fit(other, AlsConfig.defaults().withKnots(6), init));
        assertEquals("init model must have the coordinates [a, b, d, c], got [a, b, c, d]", e.getMessage());
    }
}
