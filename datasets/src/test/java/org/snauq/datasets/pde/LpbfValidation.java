package org.snauq.datasets.pde;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.snauq.model.SnaModel;
import org.snauq.model.SnaModelFile;
import org.snauq.qoi.MeltPool;
import org.snauq.qoi.MeltPoolQoi;
import org.snauq.qoi.SnaSlice;

/**
 * Validation of the 7-D LPBF SNA ({@code sna solve conf/problems/lpbf7d.yaml}) against the full-grid reference
 * {@link LpbfCase#reference} on n random parameter points: relative errors of the peak temperature and of the
 * melt-pool depth (median and max), and the time of a reference solve against an SNA QoI query.
 *
 * <pre>  java -cp ... org.snauq.datasets.pde.LpbfValidation MODEL.sna [n=50] [level=0] [seed=2026]</pre>
 */
public final class LpbfValidation {

    private LpbfValidation() {
    }

    public static void main(String[] args) throws Exception {
        SnaModel model = SnaModelFile.read(Path.of(args[0]));
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int level = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 2026;
        int[] axes = {model.indexOf("x"), model.indexOf("y"), model.indexOf("z")};
        int[] params = new int[LpbfCase.PARAMETERS.length];
        for (int d = 0; d < params.length; d++) {
            params[d] = model.indexOf(LpbfCase.PARAMETERS[d]);
        }
        double[][] points = LpbfCase.validationPoints(n, seed);
        double[] ePeak = new double[n];
        double[] eDepth = new double[n];
        double[] eLength = new double[n];
        double[] eWidth = new double[n];
        double refSeconds = 0;
        System.out.println(" i      P     v    rb  beta |  peak ref    peak sna   err% | depth ref depth sna  err% |"
                + " length err% | width err%");
        for (int i = 0; i < n; i++) {
            double[] p = points[i];
            MovingHeatGridSolver.Solution s = LpbfCase.reference(p, level);
            refSeconds += s.seconds();
            MeltPoolQoi ref = LpbfCase.qoi(s);
            MeltPoolQoi sna = query(model, axes, params, p);
            ePeak[i] = Math.abs(sna.peak() - ref.peak()) / ref.peak();
            eDepth[i] = Math.abs(sna.depth() - ref.depth()) / ref.depth();
            eLength[i] = Math.abs(sna.length() - ref.length()) / ref.length();
            eWidth[i] = Math.abs(sna.width() - ref.width()) / ref.width();
            System.out.printf(Locale.ROOT, "%2d %6.1f %5.3f %5.1f %5.3f | %9.1f %9.1f %6.2f | %8.4f %8.4f %6.2f |"
                            + " %6.2f | %6.2f%n", i, p[0], p[1], p[2], p[3], ref.peak(), sna.peak(), 100 * ePeak[i],
                    ref.depth(), sna.depth(), 100 * eDepth[i], 100 * eLength[i], 100 * eWidth[i]);
        }
        // time per SNA QoI query: repeat over the points after a warm-up
        int reps = Math.max(1, 2000 / n);
        for (int w = 0; w < reps; w++) {
            for (double[] p : points) {
                query(model, axes, params, p);
            }
        }
        long t0 = System.nanoTime();
        for (int w = 0; w < reps; w++) {
            for (double[] p : points) {
                query(model, axes, params, p);
            }
        }
        double query = (System.nanoTime() - t0) * 1e-9 / (reps * n);
        System.out.printf(Locale.ROOT, "%nrelative error, %d points: peak median %.3f%% max %.3f%% | depth median %.3f%%"
                        + " max %.3f%% | length median %.3f%% max %.3f%% | width median %.3f%% max %.3f%%%n", n,
                100 * median(ePeak), 100 * max(ePeak), 100 * median(eDepth), 100 * max(eDepth), 100 * median(eLength),
                100 * max(eLength), 100 * median(eWidth), 100 * max(eWidth));
        System.out.printf(Locale.ROOT, "reference solve (level %d): %.3f s mean; SNA QoI query: %.3f ms; ratio %.0f%n",
                level, refSeconds / n, query * 1e3, refSeconds / n / query);
        System.out.printf(Locale.ROOT, "model: rank %d, %d doubles (%d bytes of factors)%n", model.rank(),
                model.parameterCount(), 8L * model.parameterCount());
    }

    static MeltPoolQoi query(SnaModel model, int[] axes, int[] params, double[] p) {
        double[] z = new double[model.dimension()];
        for (int d = 0; d < params.length; d++) {
            z[params[d]] = p[d];
        }
        return MeltPool.extract(new OffsetField(new SnaSlice(model, axes, z), LpbfCase.AMBIENT), LpbfCase.LIQUIDUS,
                81, 0.0);
    }

    /** T = T0 + dT. */
    private record OffsetField(SnaSlice f, double offset) implements org.snauq.qoi.SpatialField {
        @Override
        public double lower(int axis) {
            return f.lower(axis);
        }

        @Override
        public double upper(int axis) {
            return f.upper(axis);
        }

        @Override
        public double value(double x, double y, double z) {
            return offset + f.value(x, y, z);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
