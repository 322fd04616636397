package org.snauq.datasets.pde;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.snauq.model.SnaModel;
import org.snauq.model.SnaModelFile;
import org.snauq.qoi.MeltPoolQoi;
import org.snauq.thermal.MovingSourceModel;
import org.snauq.thermal.ThermalScaling;

/**
 * Forward validation of the material-agnostic LPBF SNA ({@code sna solve conf/problems/lpbf5d.yaml}) against the
 * full-grid reference with k(T) ({@link LpbfMaterialCase#reference}) for each shipped material: n random physical
 * points, relative errors of peak temperature, depth, length and width (median and max), the reference's peak
 * temperatures, and the time of a reference solve against an SNA query.
 *
 * <pre>  java -cp ... org.snauq.datasets.pde.LpbfMaterialValidation MODEL.sna [n=50] [level=0] [seed=2026]
 *       [liquid-factor=1] [materials=inconel718,ti6al4v,ss316l]</pre>
 *
 * Points: eta in [0.3, 0.45], s = 1, P in [150, 300] W, v in [0.6, 1.2] m/s, r_b in [45, 65] um, beta in [0, 1],
 * T0 = 300 K; points whose Pe is outside the model's range are skipped by {@link LpbfMaterialCase#points}.
 */
public final class LpbfMaterialValidation {

    static final double[][] RANGES = {{0.3, 0.45}, {1, 1}, {150, 300}, {0.6, 1.2}, {45e-6, 65e-6}, {0, 1}};
    static final double AMBIENT = 300;

    private LpbfMaterialValidation() {
    }

    public static void main(String[] args) throws Exception {
        SnaModel model = SnaModelFile.read(Path.of(args[0]));
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int level = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 2026;
        double factor = args.length > 4 ? Double.parseDouble(args[4]) : 1;
        String[] materials = (args.length > 5 ? args[5] : "inconel718,ti6al4v,ss316l").split(",");
        for (String name : materials) {
            ThermalScaling scaling = new ThermalScaling(MaterialFile.shipped(Path.of("."), name), AMBIENT, factor);
            run(model, scaling, n, level, seed);
        }
    }

    static void run(SnaModel model, ThermalScaling scaling, int n, int level, long seed) {
        MovingSourceModel sna = new MovingSourceModel(model, scaling);
        double[][] points = LpbfMaterialCase.points(scaling, RANGES, n, seed);
        double[][] err = new double[4][n];
        double[] peaks = new double[n];
        double refSeconds = 0;
        int clipped = 0;
        System.out.printf(Locale.ROOT, "%n%s, liquid conductivity factor %.2f, k_ref %.2f W/(m K), alpha_0 %.3e m^2/s%n",
                scaling.material().name(), scaling.liquidFactor(), scaling.referenceConductivity(),
                scaling.diffusivity());
        System.out.println(" i   eta     P     v    rb  beta    Pe |  peak ref  peak sna  err% | depth ref um  err% |"
                + " length err% | width err% | picard");
        double[] out = new double[5];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            double[] p = points[i];
            MovingHeatGridSolver.Solution s = LpbfMaterialCase.reference(scaling, p, level);
            refSeconds += s.seconds();
            MeltPoolQoi ref = LpbfMaterialCase.qoi(scaling, s);
            sna.meltPool(p, out, null);
            if (ref.clipped() || out[4] != 0) {
                clipped++;
                continue;
            }
            double rb = p[MovingSourceModel.RADIUS];
            double[] refQ = {ref.peak(), ref.length() * rb, ref.width() * rb, ref.depth() * rb};
            for (int q = 0; q < 4; q++) {
                err[q][kept] = Math.abs(out[q] - refQ[q]) / refQ[q];
            }
            peaks[kept] = ref.peak();
            System.out.printf(Locale.ROOT, "%2d %5.3f %5.1f %5.3f %5.1f %5.3f %5.2f | %8.1f %8.1f %6.3f | %8.2f %6.3f |"
                            + " %6.3f | %6.3f | %d%n", i, p[0], p[2], p[3], rb * 1e6, p[5], sna.peclet(p), ref.peak(),
                    out[0], 100 * err[0][kept], refQ[3] * 1e6, 100 * err[3][kept], 100 * err[1][kept],
                    100 * err[2][kept], s.picardIterations());
            kept++;
        }
        for (int q = 0; q < 4; q++) {
            err[q] = Arrays.copyOf(err[q], kept);
        }
        peaks = Arrays.copyOf(peaks, kept);
        long t0 = System.nanoTime();
        int reps = 2000;
        for (int w = 0; w < reps; w++) {
            sna.meltPool(points[w % n], out, null);
        }
        double query = (System.nanoTime() - t0) * 1e-9 / reps;
        System.out.printf(Locale.ROOT, "%s: %d points (%d clipped, skipped): relative error peak median %.3f%% max %.3f%%"
                        + " | depth median %.3f%% max %.3f%% | length median %.3f%% max %.3f%% | width median %.3f%%"
                        + " max %.3f%%%n", scaling.material().name(), kept, clipped, 100 * median(err[0]),
                100 * max(err[0]), 100 * median(err[3]), 100 * max(err[3]), 100 * median(err[1]), 100 * max(err[1]),
                100 * median(err[2]), 100 * max(err[2]));
        System.out.printf(Locale.ROOT, "reference peak T: min %.0f K, median %.0f K, max %.0f K; reference solve (level"
                        + " %d): %.2f s mean; SNA query %.1f us%n", min(peaks), median(peaks), max(peaks), level,
                refSeconds / n, query * 1e6);
    }

    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }
}
