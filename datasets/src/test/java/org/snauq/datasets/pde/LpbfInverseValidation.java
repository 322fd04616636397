package org.snauq.datasets.pde;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.snauq.dist.InputSpec;
import org.snauq.inverse.InverseProblem;
import org.snauq.inverse.Inversion;
import org.snauq.inverse.InversionConfig;
import org.snauq.inverse.Laplace;
import org.snauq.inverse.LevenbergMarquardt;
import org.snauq.inverse.MapEstimate;
import org.snauq.inverse.MapStatus;
import org.snauq.inverse.Prior;
import org.snauq.model.SnaModel;
import org.snauq.model.SnaModelFile;
import org.snauq.qoi.MeltPoolQoi;
import org.snauq.thermal.LpbfForward;
import org.snauq.thermal.LpbfForward.Kind;
import org.snauq.thermal.LpbfForward.Observation;
import org.snauq.thermal.MovingSourceModel;
import org.snauq.thermal.ThermalScaling;

/**
 * The Inconel 718 inversion of docs/cases/lpbf-inverse.md: absorptivity eta and conductivity scale s from synthetic
 * observations made by the full-grid reference with k(T) (not the SNA), 1 % Gaussian noise, at {@code sets} true
 * (eta, s) drawn from the prior (uniform on [0.25, 0.45] x [0.8, 1.25]); P = 285 W, v = 0.96 m/s, r_b = 50 um, a
 * Gaussian beam known. Observation sets: the four melt-pool QoIs, and those plus five surface temperatures behind the
 * pool. Prints per set the MAP, 95 % intervals, Laplace correlation, R-hat and ESS, then the summary: MAP error
 * median / max, coverage, latency of MAP + Laplace and of 10,000 draws.
 *
 * <pre>  java -cp ... org.snauq.datasets.pde.LpbfInverseValidation MODEL.sna [sets=200] [seed=13] [liquid-factor=1]</pre>
 */
public final class LpbfInverseValidation {

    static final double[] KNOWN = {Double.NaN, Double.NaN, 285, 0.96, 50e-6, 0};
    static final double[] ETA = {0.25, 0.45};
    static final double[] SCALE = {0.8, 1.25};
    static final double NOISE = 0.01;
    /** Surface points behind the pool (beam radii, y = 0 and one off the centre line): solid, T below T_L. */
    static final double[][] SURFACE = {{-22, 0, 0}, {-20, 0, 0}, {-18, 1.5, 0}, {-12, 3, 0}, {-6, 3.5, 0}};

    private LpbfInverseValidation() {
    }

    public static void main(String[] args) throws Exception {
        SnaModel model = SnaModelFile.read(Path.of(args[0]));
        int sets = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 13;
        double factor = args.length > 3 ? Double.parseDouble(args[3]) : 1;
        ThermalScaling scaling = new ThermalScaling(MaterialFile.shipped(Path.of("."), "inconel718"), 300, factor);
        MovingSourceModel sna = new MovingSourceModel(model, scaling);
        List<Prior> priors = List.of(
                Prior.of(new InputSpec("eta", "uniform", Map.of("lower", ETA[0], "upper", ETA[1]))),
                Prior.of(new InputSpec("s", "uniform", Map.of("lower", SCALE[0], "upper", SCALE[1]))));
        List<List<Observation>> obsSets = List.of(qois(), withSurface());
        String[] setNames = {"QoIs (peak, length, width, depth)", "QoIs + 5 surface temperatures"};
        int nSets = obsSets.size();
        double[][][] err = new double[nSets][2][sets];
        int[][] covered = new int[nSets][2];
        double[][] corr = new double[nSets][sets];
        double[][] laplaceSd = new double[nSets][sets];
        double maxRhat = 0;
        double minEss = Double.POSITIVE_INFINITY;
        int failed = 0;
        List<InverseProblem> timing = new ArrayList<>();
        InversionConfig config = InversionConfig.defaults();
        System.out.println("set   eta_true s_true | obs | eta_map  s_map  err_eta% err_s% | eta 95%          s 95%"
                + "            | corr  | R-hat  ESS");
        for (int k = 0; k < sets; k++) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + k);
            double[] truth = KNOWN.clone();
            truth[0] = ETA[0] + (ETA[1] - ETA[0]) * r.nextDouble();
            truth[1] = SCALE[0] + (SCALE[1] - SCALE[0]) * r.nextDouble();
            MovingHeatGridSolver.Solution ref = LpbfMaterialCase.reference(scaling, truth, 0);
            MeltPoolQoi q = LpbfMaterialCase.qoi(scaling, ref);
            GridField field = new GridField(ref, scaling.ambient());
            double rb = truth[4];
            double[] qoi = {q.peak(), q.length() * rb, q.width() * rb, q.depth() * rb};
            for (int s = 0; s < nSets; s++) {
                List<Observation> obs = obsSets.get(s);
                double[] y = new double[obs.size()];
                for (int i = 0; i < y.length; i++) {
                    Observation o = obs.get(i);
                    double exact = o.kind() == Kind.TEMPERATURE ? field.value(o.x(), o.y(), o.z())
                            : qoi[o.kind().ordinal()];
                    y[i] = exact * (1 + NOISE * r.nextGaussian());
                }
                InverseProblem problem = new InverseProblem(List.of("eta", "s"), priors,
                        new LpbfForward(sna, KNOWN, new int[] {0, 1}, obs), y, InverseProblem.relativeNoise(NOISE, y));
                Inversion.Result res = Inversion.run(problem, config.withSeed(seed + k));
                if (res.map().status() != MapStatus.CONVERGED) {
                    failed++;
                }
                double[] m = res.map().theta();
                for (int j = 0; j < 2; j++) {
                    err[s][j][k] = Math.abs(m[j] / truth[j] - 1);
                    if (res.quantiles()[j][0] <= truth[j] && truth[j] <= res.quantiles()[j][2]) {
                        covered[s][j]++;
                    }
                    maxRhat = Math.max(maxRhat, res.rhat()[j]);
                    minEss = Math.min(minEss, res.ess()[j]);
                }
                Laplace lp = res.laplace();
                corr[s][k] = lp.correlation(0, 1);
                laplaceSd[s][k] = lp.sd(0) / m[0];
                if (k < 20) {
                    timing.add(problem);
                }
                System.out.printf(Locale.ROOT, "%3d %8.4f %6.4f | %3d | %7.4f %6.4f %7.2f %6.2f | [%.4f, %.4f] [%.4f, %.4f]"
                                + " | %5.2f | %5.3f %5.0f %s%n", k, truth[0], truth[1], y.length, m[0], m[1],
                        100 * err[s][0][k], 100 * err[s][1][k], res.quantiles()[0][0], res.quantiles()[0][2],
                        res.quantiles()[1][0], res.quantiles()[1][2], corr[s][k], Math.max(res.rhat()[0],
                                res.rhat()[1]), Math.min(res.ess()[0], res.ess()[1]), res.map().status());
            }
        }
        System.out.println();
        for (int s = 0; s < nSets; s++) {
            System.out.printf(Locale.ROOT, "%s, %d sets: MAP error eta median %.2f%% max %.2f%%, s median %.2f%% max"
                            + " %.2f%% | 95%% interval covers eta %.1f%%, s %.1f%% | Laplace corr median %.2f, sd(eta)/eta"
                            + " median %.2f%%%n", setNames[s], sets, 100 * LpbfMaterialValidation.median(err[s][0]),
                    100 * LpbfMaterialValidation.max(err[s][0]), 100 * LpbfMaterialValidation.median(err[s][1]),
                    100 * LpbfMaterialValidation.max(err[s][1]), 100.0 * covered[s][0] / sets,
                    100.0 * covered[s][1] / sets, LpbfMaterialValidation.median(corr[s]),
                    100 * LpbfMaterialValidation.median(laplaceSd[s]));
        }
        System.out.printf(Locale.ROOT, "MAPs not converged: %d; max split R-hat %.4f, min ESS %.0f%n", failed, maxRhat,
                minEss);
        latency(timing, config);
    }

    /** p50 / p95 of MAP + Laplace per inversion, and the time of 10,000 draws, single thread. */
    static void latency(List<InverseProblem> problems, InversionConfig config) {
        int reps = 20;
        double[] t = new double[problems.size() * reps];
        int i = 0;
        for (int w = 0; w < 2; w++) { // warm-up round, then measured rounds
            i = 0;
            for (int rep = 0; rep < reps; rep++) {
                for (InverseProblem p : problems) {
                    long t0 = System.nanoTime();
                    MapEstimate m = new LevenbergMarquardt(p).estimate(config.starts(), config.maxIterations());
                    Laplace.at(p, m.theta());
                    t[i++] = (System.nanoTime() - t0) * 1e-6;
                }
            }
        }
        Arrays.sort(t);
        long t0 = System.nanoTime();
        int runs = Math.min(5, problems.size());
        for (int k = 0; k < runs; k++) {
            Inversion.run(problems.get(k), config);
        }
        double full = (System.nanoTime() - t0) * 1e-9 / runs;
        System.out.printf(Locale.ROOT, "latency MAP + Laplace (%d starts): p50 %.2f ms, p95 %.2f ms over %d runs;"
                        + " full inversion with %d draws (+ %d burn-in per chain): %.3f s%n", config.starts(),
                t[t.length / 2], t[(int) (0.95 * (t.length - 1))], t.length, config.samples(), config.burnIn(), full);
    }

    static List<Observation> qois() {
        return List.of(Observation.of(Kind.PEAK), Observation.of(Kind.LENGTH), Observation.of(Kind.WIDTH),
                Observation.of(Kind.DEPTH));
    }

    static List<Observation> withSurface() {
        List<Observation> o = new ArrayList<>(qois());
        for (double[] p : SURFACE) {
            o.add(Observation.temperature(p[0], p[1], p[2]));
        }
        return o;
    }
}
