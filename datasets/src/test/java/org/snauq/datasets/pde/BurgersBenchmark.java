package org.snauq.datasets.pde;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.snauq.basis.BSplineBasis;
import org.snauq.galerkin.Field;
import org.snauq.galerkin.Vsna;
import org.snauq.galerkin.VsnaConfig;
import org.snauq.model.SnaModel;

/**
 * Benchmark program (not a test; run by {@code bench/vsna.sh burgers}): nonlinear VSNA on Burgers (issue 12).
 * (1) nu = 0.01/pi against Cole-Hopf: error against rank and against atoms, CPU seconds of the solve on one core;
 * (2) nu in [0.02, 0.1] as a coordinate, error over the (x, t, nu) box; (3) inviscid: before the shock against
 * characteristics, after it the L1 error at t = 1 by vanishing viscosity (nu = h/2) as the atoms double, and the
 * moving shock of u0 = 0.5 - sin(pi x) by a continuation in nu. Times are the solving thread's CPU time, which a
 * loaded machine does not inflate (wall time is printed beside it).
 */
public final class BurgersBenchmark {

    private static final VsnaConfig CONFIG = VsnaConfig.defaults().withTolerance(1e-3).withOuterTolerance(1e-5)
            .withMaxOuterIterations(20);

    private BurgersBenchmark() {
    }

    private static double cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() * 1e-9;
    }

    private static void classic() {
        double nu = 0.01 / Math.PI;
        System.out.println("nu = 0.01/pi against Cole-Hopf, relative L2 over [-1, 1] x [0, 1] (quadrature)");
        System.out.println("| x atoms (graded 2.5 to 0) | t atoms | max rank | saved rank | Newton steps | relative L2"
                + " error | CPU s | wall s |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        int[][] cases = {{30, 33, 4}, {30, 33, 8}, {30, 33, 12}, {30, 33, 16}, {30, 33, 20}, {30, 33, 24},
            {12, 13, 20}, {16, 17, 20}, {20, 21, 20}, {24, 25, 20}, {40, 41, 20}};
        for (int[] c : cases) {
            double c0 = cpu();
            long w0 = System.nanoTime();
            Vsna.Result r = Vsna.solve(BurgersProblems.viscous(BurgersProblems.x(c[0], 2.5, 0), c[1], nu),
                    CONFIG.withMaxRank(c[2]));
            System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %d | %.2e | %.1f | %.1f |%n", 2 * c[0] + 3, c[1],
                    c[2], r.model().rank(), r.report().outer().size(), r.error().value(), cpu() - c0,
                    (System.nanoTime() - w0) * 1e-9);
        }
    }

    private static void parametric() {
        System.out.println("nu in [0.02, 0.1] a coordinate: relative L2 over the (x, t, nu) box against Cole-Hopf");
        System.out.println("| x, t, nu atoms | max rank | saved rank | relative L2 error | CPU s |");
        System.out.println("| --- | --- | --- | --- | --- |");
        int[][] cases = {{10, 11, 4, 16}, {12, 13, 5, 20}, {15, 17, 6, 30}};
        for (int[] c : cases) {
            double c0 = cpu();
            SnaModel u = Vsna.solve(BurgersProblems.parametric(BurgersProblems.x(c[0], 1.5, 0), c[1],
                    BSplineBasis.clampedUniform(3, c[2], 0.02, 0.1)), CONFIG.withMaxRank(c[3])).model();
            double seconds = cpu() - c0;
            System.out.printf(Locale.ROOT, "| %d, %d, %d | %d | %d | %.2e | %.1f |%n", 2 * c[0] + 3, c[1], c[2], c[3],
                    u.rank(), VsnaBurgersTest.relativeL2AgainstColeHopf(u), seconds);
        }
    }

    private static void inviscid() {
        BurgersCharacteristics sym = new BurgersCharacteristics(0);
        double t1 = 0.9 / Math.PI;
        double c0 = cpu();
        Vsna.Result before = Vsna.solve(BurgersProblems.burgers(BurgersProblems.x(20, 2, 0), 21, t1, 0, 0,
                Field.of(Set.of("x", "t"), z -> sym.value(z[0], z[1]))), CONFIG.withMaxRank(16));
        System.out.printf(Locale.ROOT, "inviscid, t in [0, 0.9/pi], 43 x 21 atoms: relative L2 %.2e, saved rank %d,"
                + " CPU %.1f s%n", before.error().value(), before.model().rank(), cpu() - c0);
        System.out.println("after the shock, u0 = -sin(pi x), nu = h/2 (h = knot spacing), L1 error at t = 1");
        System.out.println("| x atoms (uniform) | nu | L1 error | ratio | shock at | saved rank | CPU s |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        double previous = Double.NaN;
        for (int m : new int[] {16, 32, 64, 128}) {
            double h = 1.0 / m;
            double c1 = cpu();
            SnaModel u = Vsna.solve(BurgersProblems.burgers(BurgersProblems.x(m, 1, 0), 33, 1, 0.5 * h, 0, null),
                    CONFIG.withMaxRank(20)).model();
            double[] e = VsnaBurgersTest.l1AndShock(u, sym);
            System.out.printf(Locale.ROOT, "| %d | %.4f | %.3e | %.2f | %.4f | %d | %.1f |%n", 2 * m + 3, 0.5 * h,
                    e[0], previous / e[0], e[1], u.rank(), cpu() - c1);
            previous = e[0];
        }
    }

    private static void movingShock() {
        BurgersCharacteristics moving = new BurgersCharacteristics(0.5);
        System.out.println("moving shock, u0 = 0.5 - sin(pi x), 67 uniform x atoms, 33 t atoms, continuation in nu"
                + " (each solve starts from the previous one); exact shock at x = 0.5");
        System.out.println("| nu | L1 error at t = 1 | shock at | saved rank | Newton steps | outer stop | CPU s |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        SnaModel start = null;
        for (double nu : new double[] {0.0625, 0.03125, 0.015625}) {
            double c0 = cpu();
            Vsna.Result r = Vsna.solve(BurgersProblems.burgers(BurgersProblems.x(32, 1, 0.5), 33, 1, nu, 0.5, null),
                    CONFIG.withMaxRank(40).withMaxOuterIterations(25), start);
            start = r.model();
            double[] e = VsnaBurgersTest.l1AndShock(start, moving);
            System.out.printf(Locale.ROOT, "| %.4f | %.3e | %.4f | %d | %d | %s | %.1f |%n", nu, e[0], e[1],
                    start.rank(), r.report().outer().size(), r.report().outerStop().split(":")[0], cpu() - c0);
        }
    }

    public static void main(String[] args) {
        List<String> parts = args.length == 0 ? List.of("classic", "parametric", "inviscid", "moving")
                : List.of(args);
        if (parts.contains("classic")) {
            classic();
        }
        if (parts.contains("parametric")) {
            parametric();
        }
        if (parts.contains("inviscid")) {
            inviscid();
        }
        if (parts.contains("moving")) {
            movingShock();
        }
    }
}
