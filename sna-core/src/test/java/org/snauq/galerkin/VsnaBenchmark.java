package org.snauq.galerkin;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.snauq.basis.BSplineBasis;
import org.snauq.galerkin.PdeProblem.Coordinate;
import org.snauq.galerkin.PdeProblem.Dirichlet;
import org.snauq.galerkin.PdeProblem.Role;

/**
 * Benchmark program (not a test; run by {@code bench/vsna.sh}): (1) wall time of one full ALS re-sweep for Poisson
 * in D = 10..1,000 at fixed atoms and rank, with the fitted exponent of time against D; (2) solve time and error
 * against rank and atoms for the 6-coordinate advection-diffusion problem of {@link VsnaParabolicTest}.
 *
 * <p>Times per sweep are measured inside the solver ({@link SolveReport.Sweep#seconds()}), minimum (the least
 * disturbed on a shared machine) and median of the re-sweeps at the final rank over {@link #REPEATS} solves, after
 * {@link #WARMUP} warm-up solves of the same problem (JIT).
 */
public final class VsnaBenchmark {

    private static final int REPEATS = 7;
    private static final int WARMUP = 4;
    private static final int ATOMS = 16;
    private static final int RANK = 6;

    private VsnaBenchmark() {
    }

    /** -Laplace u = f with f a sum of RANK products of sin(k pi z_d): the solution has separation rank RANK. */
    static PdeProblem poisson(int dim) {
        List<String> names = new ArrayList<>();
        List<Coordinate> coords = new ArrayList<>();
        List<PdeProblem.Term> terms = new ArrayList<>();
        List<Dirichlet> bcs = new ArrayList<>();
        for (int d = 0; d < dim; d++) {
            String name = "z" + (d + 1);
            names.add(name);
            coords.add(new Coordinate(name, Role.SPACE, BSplineBasis.clampedUniform(3, ATOMS, 0, 1)));
            terms.add(new PdeProblem.Diffusion(name, Field.constant(1)));
            bcs.add(new Dirichlet(name, Field.constant(0), Field.constant(0)));
        }
        List<Field> parts = new ArrayList<>();
        for (int k = 1; k <= RANK; k++) {
            List<Field> f = new ArrayList<>();
            f.add(Field.constant(1.0 / k));
            for (int d = 0; d < dim; d++) {
                final int dd = d;
                final int kk = k;
                f.add(Field.of(Set.of(names.get(d)), z -> Math.sin(kk * Math.PI * z[dd])));
            }
            parts.add(Field.product(f));
        }
        terms.add(new PdeProblem.Source(Field.sum(parts)));
        return new PdeProblem("poisson-" + dim + "d", coords, terms, bcs, null, null, "u");
    }

    /**
     * {min, median} of the re-sweep wall times at the final rank over REPEATS solves after WARMUP solves, and the
     * solving thread's CPU time per sweep over those solves (assembly included), which other processes on a loaded
     * machine do not inflate.
     */
    private static double[] sweepSeconds(int dim) {
        VsnaConfig config = VsnaConfig.defaults().withMaxRank(RANK).withTolerance(1e-14).withSweeps(3)
                .withSweepTolerance(1e-300);
        PdeProblem problem = poisson(dim);
        for (int i = 0; i < WARMUP; i++) {
            Vsna.solve(problem, config); // JIT
        }
        List<Double> times = new ArrayList<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        int sweeps = 0;
        for (int rep = 0; rep < REPEATS; rep++) {
            SolveReport report = Vsna.solve(problem, config).report();
            sweeps += report.sweeps().size();
            for (SolveReport.Sweep s : report.sweeps()) {
                if (s.phase().equals("resweep") && s.rank() == RANK) {
                    times.add(s.seconds());
                }
            }
        }
        double cpuPerSweep = (threads.getCurrentThreadCpuTime() - cpu0) * 1e-9 / sweeps;
        times.sort(null);
        return new double[] {times.get(0), times.get(times.size() / 2), cpuPerSweep};
    }

    /** METHOD.md section 8's prototype case: (x, t, a), a pulse of width 0.05 travelling four widths, nu = 1e-3. */
    static PdeProblem movingPulse1d() {
        double s0 = 0.05;
        double nu = 1e-3;
        List<Coordinate> coords = List.of(
                new Coordinate("x", Role.SPACE, BSplineBasis.clampedUniform(3, 64, -0.3, 0.5)),
                new Coordinate("t", Role.TIME, BSplineBasis.clampedUniform(3, 12, 0, 0.2)),
                new Coordinate("a", Role.PARAMETER, BSplineBasis.clampedUniform(3, 10, 0.5, 1.0)));
        List<PdeProblem.Term> terms = List.of(new PdeProblem.TimeDerivative("t"),
                new PdeProblem.Advection("x", Field.of(Set.of("a"), z -> z[2])),
                new PdeProblem.Diffusion("x", Field.constant(nu)));
        Field initial = Field.of(Set.of("x"), z -> Math.exp(-z[0] * z[0] / (2 * s0 * s0)));
        Field exact = Field.of(Set.of("x", "t", "a"), z -> {
            double s2 = s0 * s0 + 2 * nu * z[1];
            double dx = z[0] - z[2] * z[1];
            return Math.sqrt(s0 * s0 / s2) * Math.exp(-dx * dx / (2 * s2));
        });
        return new PdeProblem("moving-pulse", coords, terms,
                List.of(new Dirichlet("x", Field.constant(0), Field.constant(0))), initial, exact, "u");
    }

    /** Rank-2 Poisson in D = 10, 100, 1,000 (METHOD.md section 8): exact separated error against the floor. */
    private static void highDimension() {
        System.out.println("rank-2 Poisson, u = prod sin(pi z_d) + prod sin(2 pi z_d), exact separated error");
        System.out.println("| cubic atoms | D | relative L2 error | best-approximation floor | ratio | solve s |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (int atoms : new int[] {16, 32}) {
            for (int dim : new int[] {10, 100, 1000}) {
                Vsna.Result r = Vsna.solve(Problems.poissonRank2(dim, atoms),
                        VsnaConfig.defaults().withMaxRank(4).withTolerance(1e-8));
                double floor = VsnaHighDimensionTest.floor(atoms, dim);
                System.out.printf(Locale.ROOT, "| %d | %d | %.3e | %.3e | %.3f | %.2f |%n", atoms, dim,
                        r.error().value(), floor, r.error().value() / floor, r.report().seconds());
            }
        }
    }

    /** The 4-D advection-diffusion case with time-dependent boundary data, with and without recompression. */
    private static void recompression() {
        System.out.println("4-D advection-diffusion (x, y, t, a), time-dependent boundary data: recompression");
        System.out.println("| recompression tolerance | solved rank | lifting rank | saved rank | relative L2 error |"
                + " solve s |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (double tol : new double[] {0, 1e-6}) {
            VsnaConfig config = VsnaConfig.defaults().withMaxRank(30).withTolerance(1e-7).withSourceTolerance(1e-9)
                    .withRecompressionTolerance(tol);
            Vsna.Result r = Vsna.solve(Problems.advectionDiffusion4d(16, 12, 8), config);
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %d | %.3e | %.1f |%n", tol == 0 ? "off" : tol,
                    r.report().rank(), r.model().provenance().get("lifting-rank"), r.model().rank(),
                    r.error().value(), r.report().seconds());
        }
    }

    public static void main(String[] args) {
        if (args.length == 0 || List.of(args).contains("highd")) {
            highDimension();
        }
        if (args.length == 0 || List.of(args).contains("recompress")) {
            recompression();
        }
        if (args.length == 0 || List.of(args).contains("method8")) {
            System.out.println("METHOD.md section 8 cross-check: u_t + a u_x = nu u_xx on (x, t, a), 64 x 12 x 10 atoms");
            System.out.println("| rank | relative L2 error | solve seconds |");
            System.out.println("| --- | --- | --- |");
            for (int rank : new int[] {4, 8, 12, 16, 24}) {
                Vsna.Result r = Vsna.solve(movingPulse1d(), VsnaConfig.defaults().withMaxRank(rank)
                        .withTolerance(1e-6));
                System.out.printf(Locale.ROOT, "| %d | %.2e | %.1f |%n", rank, r.error().value(),
                        r.report().seconds());
            }
        }
        boolean parabolic = args.length == 0 || List.of(args).contains("parabolic");
        boolean sweep = args.length == 0 || List.of(args).contains("sweep");
        if (sweep) {
            int[] dims = {10, 20, 50, 100, 200, 500, 1000};
            double[] logD = new double[dims.length];
            double[] logT = new double[dims.length];
            double[] logCpu = new double[dims.length];
            System.out.printf(Locale.ROOT, "Poisson, %d cubic atoms per coordinate, rank %d: one full ALS re-sweep%n",
                    ATOMS, RANK);
            System.out.println("| D | seconds per sweep (min) | (median) | CPU seconds per sweep | full-grid unknowns"
                    + " (n-2)^D |");
            System.out.println("| --- | --- | --- | --- | --- |");
            for (int i = 0; i < dims.length; i++) {
                double[] t = sweepSeconds(dims[i]);
                logD[i] = Math.log(dims[i]);
                logT[i] = Math.log(t[0]);
                logCpu[i] = Math.log(t[2]);
                System.out.printf(Locale.ROOT, "| %d | %.3e | %.3e | %.3e | 10^%.0f |%n", dims[i], t[0], t[1], t[2],
                        dims[i] * Math.log10(ATOMS - 2));
            }
            System.out.printf(Locale.ROOT, "fitted exponent against D: %.2f (min wall), %.2f (CPU)%n",
                    VsnaPoissonTest.slope(logD, logT), VsnaPoissonTest.slope(logD, logCpu));
        }
        if (parabolic) {
            System.out.println("6-coordinate advection-diffusion (x, y, t, a, nu, s0), least squares");
            System.out.println("| atoms x, y | rank | relative L2 error | residual | solve seconds |");
            System.out.println("| --- | --- | --- | --- | --- |");
            int[][] cases = {{30, 24, 8}, {30, 24, 16}, {30, 24, 24}, {30, 24, 30}, {30, 24, 40}, {40, 32, 30},
                {40, 32, 40}};
            for (int[] c : cases) {
                VsnaConfig config = VsnaConfig.defaults().withMaxRank(c[2]).withTolerance(1e-4)
                        .withSourceTolerance(1e-4).withSweeps(3);
                Vsna.Result r = Vsna.solve(VsnaParabolicTest.problem(c[0], c[1], 10, 6, 4, 5), config);
                System.out.printf(Locale.ROOT, "| %d, %d | %d | %.2e | %.2e | %.1f |%n", c[0], c[1],
                        r.report().rank(), r.error().value(), r.report().indicator(), r.report().seconds());
            }
        }
    }
}
