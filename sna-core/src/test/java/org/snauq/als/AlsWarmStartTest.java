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

    /** exp(-(x1 + x2 x3)) + x4 x1 on [0, 1]^4: smooth, not of low separation rank (rank 3 to 5 fits it). */
    private static double target(double[] x, int off) {
        return Math.exp(-(x[off] + x[off + 1] * x[off + 2])) + x[off + 3] * x[off];
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
    void fit_fixedRankFromModelOfHalfTheRows_coldErrorInHalfTheSweeps() {
        AlsConfig config = AlsConfig.defaults().withKnots(8).withRank(5);
        SnaModel half = AlsRegression.fit(rows(0, ROWS / 2), config).model();
        TrainingData all = rows(0, ROWS);

        AlsFit cold = AlsRegression.fit(all, config);
        AlsFit warm = AlsRegression.fit(all, config, half);

        String both = cold.report().format() + "\n" + warm.report().format();
        System.out.printf("rank 5, 2,000 rows: cold %d sweeps to %.3e, warm from 1,000 rows %d sweeps to %.3e%n",
                cold.report().totalSweeps(), cold.report().validationError(), warm.report().totalSweeps(),
                warm.report().validationError());
        assertTrue(warm.report().validationError() <= cold.report().validationError() * (1 + margin(cold)), both);
        assertTrue(2 * warm.report().totalSweeps() <= cold.report().totalSweeps(), both);
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
