package org.snauq.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.snauq.model.SnaModel;
import org.snauq.model.SnaModelFile;
import org.snauq.qoi.FactorMeltPool;
import org.snauq.qoi.MeltPool;
import org.snauq.qoi.MeltPoolQoi;
import org.snauq.qoi.SnaSlice;

/**
 * CPU time per melt-pool query on an LPBF model (docs/cases/lpbf.md): the surface-scan {@link MeltPool#extract}
 * (81 x 81 samples) against the factor-line {@link FactorMeltPool}, on random parameter points uniform in the
 * model's parameter box, with the largest differences between the two. Timed by the thread's CPU time (shared
 * machine). Arguments: the .sna file (coordinates x, y, z, then parameters), the number of fast queries, the
 * threshold in the model's units (default 1628 = T_L - T0 of Ti-6Al-4V).
 *
 * <pre>java -cp sna-core/target/classes:sna-core/target/test-classes:&lt;jackson jars&gt;
 *   org.snauq.bench.MeltPoolQueryTime /tmp/lpbf7d.sna 200000</pre>
 */
public final class MeltPoolQueryTime {

    private static final int COMPARED = 50;

    private MeltPoolQueryTime() {
    }

    public static void main(String[] args) throws Exception {
        SnaModel m = SnaModelFile.read(Path.of(args[0]));
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        double threshold = args.length > 2 ? Double.parseDouble(args[2]) : 1628;
        int[] axes = {0, 1, 2};
        int dim = m.dimension();
        SplittableRandom rng = new SplittableRandom(2026);
        double[][] points = new double[4096][dim];
        for (double[] p : points) {
            for (int d = 3; d < dim; d++) {
                p[d] = m.basis(d).lower() + rng.nextDouble() * (m.basis(d).upper() - m.basis(d).lower());
            }
        }
        FactorMeltPool fast = new FactorMeltPool(m, axes, 81);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] diff = new double[4];
        long c0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < COMPARED; i++) {
            MeltPoolQoi s = MeltPool.extract(new SnaSlice(m, axes, points[i]), threshold, 81, 0.0);
            MeltPoolQoi f = fast.extract(points[i], threshold, 0.0);
            diff[0] = Math.max(diff[0], Math.abs(f.peak() - s.peak()) / s.peak());
            diff[1] = Math.max(diff[1], Math.abs(f.length() - s.length()));
            diff[2] = Math.max(diff[2], Math.abs(f.width() - s.width()));
            diff[3] = Math.max(diff[3], Math.abs(f.depth() - s.depth()));
        }
        long c1 = threads.getCurrentThreadCpuTime();
        double[] out = new double[7];
        double sink = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up the JIT
            long t0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < queries; i++) {
                fast.extract(points[i & 4095], threshold, 0.0, out);
                sink += out[5];
            }
            long t1 = threads.getCurrentThreadCpuTime();
            if (round == 1) {
                System.out.printf("factor lines: %.2f us per query (%d queries, rank %d)%n",
                        (t1 - t0) * 1e-3 / queries, queries, m.rank());
            }
        }
        System.out.printf("surface scan (81 x 81, with a fast query each): %.3f ms per query (%d queries)%n",
                (c1 - c0) * 1e-6 / COMPARED, COMPARED);
        System.out.printf("max difference on %d points: peak %.2e relative, length %.2e, width %.2e, depth %.2e"
                + " (model length units); checksum %.6f%n", COMPARED, diff[0], diff[1], diff[2], diff[3], sink);
    }
}
