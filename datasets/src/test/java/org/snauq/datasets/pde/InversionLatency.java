package org.snauq.datasets.pde;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
import org.snauq.inverse.Prior;
import org.snauq.model.SnaModel;
import org.snauq.model.SnaModelFile;
import org.snauq.thermal.LpbfForward;
import org.snauq.thermal.LpbfForward.Observation;
import org.snauq.thermal.MovingSourceModel;
import org.snauq.thermal.ThermalScaling;

/**
 * Latency of one Inconel 718 inversion on one thread, in thread CPU time (less sensitive than wall time to the
 * other jobs on the shared machine): MAP + Laplace (p50, p95 over many problems and repetitions after a warm-up),
 * and a full inversion with 10,000 draws. The observations are the SNA's own plus 1 % noise at truths from the
 * prior of {@link LpbfInverseValidation} (latency does not depend on where the data came from).
 *
 * <pre>  java -cp ... org.snauq.datasets.pde.InversionLatency MODEL.sna [problems=50] [reps=20]</pre>
 */
public final class InversionLatency {

    private InversionLatency() {
    }

    public static void main(String[] args) throws Exception {
        SnaModel model = SnaModelFile.read(Path.of(args[0]));
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        ThermalScaling scaling = new ThermalScaling(MaterialFile.shipped(Path.of("."), "inconel718"), 300, 1);
        MovingSourceModel sna = new MovingSourceModel(model, scaling);
        List<Prior> priors = List.of(
                Prior.of(new InputSpec("eta", "uniform", Map.of("lower", 0.25, "upper", 0.45))),
                Prior.of(new InputSpec("s", "uniform", Map.of("lower", 0.8, "upper", 1.25))));
        for (List<Observation> obs : List.of(LpbfInverseValidation.qois(), LpbfInverseValidation.withSurface())) {
            List<InverseProblem> problems = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                SplittableRandom r = new SplittableRandom(99L * 1_000_003L + k);
                double[] truth = {0.25 + 0.2 * r.nextDouble(), 0.8 + 0.45 * r.nextDouble()};
                LpbfForward f = new LpbfForward(sna, LpbfInverseValidation.KNOWN, new int[] {0, 1}, obs);
                double[] y = new double[obs.size()];
                if (!f.predict(truth, y, null)) {
                    continue;
                }
                for (int i = 0; i < y.length; i++) {
                    y[i] *= 1 + 0.01 * r.nextGaussian();
                }
                problems.add(new InverseProblem(List.of("eta", "s"), priors, f, y, InverseProblem.relativeNoise(0.01, y)));
            }
            ThreadMXBean bean = ManagementFactory.getThreadMXBean();
            InversionConfig config = InversionConfig.defaults();
            for (int starts : new int[] {4, 1}) {
                double[] t = new double[problems.size() * reps];
                for (int round = 0; round < 2; round++) { // warm-up round, then the measured one
                    int i = 0;
                    for (int rep = 0; rep < reps; rep++) {
                        for (InverseProblem p : problems) {
                            long t0 = bean.getCurrentThreadCpuTime();
                            MapEstimate m = new LevenbergMarquardt(p).estimate(starts, config.maxIterations());
                            Laplace.at(p, m.theta());
                            t[i++] = (bean.getCurrentThreadCpuTime() - t0) * 1e-6;
                        }
                    }
                }
                Arrays.sort(t);
                System.out.printf(Locale.ROOT, "%d observations, MAP + Laplace, %d start(s): p50 %.2f ms, p95 %.2f ms"
                                + " CPU over %d runs%n", obs.size(), starts, t[t.length / 2],
                        t[(int) (0.95 * (t.length - 1))], t.length);
            }
            int runs = Math.min(10, problems.size());
            Inversion.run(problems.get(0), config); // warm
            long t0 = bean.getCurrentThreadCpuTime();
            for (int k = 0; k < runs; k++) {
                Inversion.run(problems.get(k), config);
            }
            System.out.printf(Locale.ROOT, "%d observations, full inversion (MAP, Laplace, %d draws + %d x %d burn-in):"
                            + " %.3f s CPU mean over %d%n", obs.size(), config.samples(), config.chains(),
                    config.burnIn(), (bean.getCurrentThreadCpuTime() - t0) * 1e-9 / runs, runs);
        }
    }
}
