package org.snauq.galerkin;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.snauq.basis.BSplineBasis;
import org.snauq.galerkin.PdeProblem.Coordinate;
import org.snauq.galerkin.PdeProblem.Dirichlet;
import org.snauq.galerkin.PdeProblem.Role;

/** Problems shared by the tests. */
final class Problems {

    private Problems() {
    }

    /** prod_d sin(pi z_d) over the given coordinates, as a product of 1-D fields. */
    static Field sineProduct(List<String> names, double scale) {
        List<Field> f = new ArrayList<>();
        f.add(Field.constant(scale));
        for (int d = 0; d < names.size(); d++) {
            final int dd = d;
            f.add(Field.of(Set.of(names.get(d)), z -> Math.sin(Math.PI * z[dd])));
        }
        return Field.product(f);
    }

    /** -Laplace u = D pi^2 prod sin(pi z_d) on (0,1)^D, u = 0 on the boundary; exact u = prod sin(pi z_d). */
    static PdeProblem poisson(int dim, int degree, int atoms) {
        List<String> names = new ArrayList<>();
        List<Coordinate> coords = new ArrayList<>();
        List<PdeProblem.Term> terms = new ArrayList<>();
        List<Dirichlet> bcs = new ArrayList<>();
        for (int d = 0; d < dim; d++) {
            String name = "z" + (d + 1);
            names.add(name);
            coords.add(new Coordinate(name, Role.SPACE, BSplineBasis.clampedUniform(degree, atoms, 0, 1)));
            terms.add(new PdeProblem.Diffusion(name, Field.constant(1)));
            bcs.add(new Dirichlet(name, Field.constant(0), Field.constant(0)));
        }
        terms.add(new PdeProblem.Source(sineProduct(names, dim * Math.PI * Math.PI)));
        return new PdeProblem("poisson-" + dim + "d", coords, terms, bcs, null, sineProduct(names, 1.0), "u");
    }

    /**
     * METHOD.md section 8: -Laplace u = f on (0,1)^D with u = prod sin(pi z_d) + prod sin(2 pi z_d) (rank 2), zero
     * on the boundary, {@code atoms} cubic atoms per coordinate.
     */
    static PdeProblem poissonRank2(int dim, int atoms) {
        List<String> names = new ArrayList<>();
        List<Coordinate> coords = new ArrayList<>();
        List<PdeProblem.Term> terms = new ArrayList<>();
        List<Dirichlet> bcs = new ArrayList<>();
        BSplineBasis b = BSplineBasis.clampedUniform(3, atoms, 0, 1);
        for (int d = 0; d < dim; d++) {
            String name = "z" + (d + 1);
            names.add(name);
            coords.add(new Coordinate(name, Role.SPACE, b));
            terms.add(new PdeProblem.Diffusion(name, Field.constant(1)));
            bcs.add(new Dirichlet(name, Field.constant(0), Field.constant(0)));
        }
        List<Field> source = new ArrayList<>();
        List<Field> exact = new ArrayList<>();
        for (int k = 1; k <= 2; k++) {
            List<Field> f = new ArrayList<>();
            f.add(Field.constant(dim * k * k * Math.PI * Math.PI));
            List<Field> e = new ArrayList<>();
            for (int d = 0; d < dim; d++) {
                final int dd = d;
                final int kk = k;
                Field s = Field.of(Set.of(names.get(d)), z -> Math.sin(kk * Math.PI * z[dd]));
                f.add(s);
                e.add(s);
            }
            source.add(Field.product(f));
            exact.add(Field.product(e));
        }
        terms.add(new PdeProblem.Source(Field.sum(source)));
        return new PdeProblem("poisson-rank2-" + dim + "d", coords, terms, bcs, null, Field.sum(exact), "u");
    }

    /** Diffusivity, wave numbers and phases of {@link #advectionDiffusion4d}. */
    private static final double NU_4D = 0.05;
    private static final double K_4D = 2;
    private static final double M_4D = 1.5;

    /** exp(-nu (k^2 + m^2) t) sin(k (x - a t) + 0.3) cos(m y + 0.2): solves u_t + a u_x = nu (u_xx + u_yy). */
    static double wave4d(double x, double y, double t, double a) {
        return Math.exp(-NU_4D * (K_4D * K_4D + M_4D * M_4D) * t) * Math.sin(K_4D * (x - a * t) + 0.3)
                * Math.cos(M_4D * y + 0.2);
    }

    /**
     * u_t + a u_x = nu (u_xx + u_yy) on (x, y, t, a) in [0,1]^3 x [0.5, 1.5] with the travelling, decaying wave
     * {@link #wave4d} as exact solution: its values on the four faces depend on t and a (time-dependent boundary
     * data), so the lifting has many terms.
     */
    static PdeProblem advectionDiffusion4d(int atomsXy, int atomsT, int atomsA) {
        List<Coordinate> c = List.of(
                new Coordinate("x", Role.SPACE, BSplineBasis.clampedUniform(3, atomsXy, 0, 1)),
                new Coordinate("y", Role.SPACE, BSplineBasis.clampedUniform(3, atomsXy, 0, 1)),
                new Coordinate("t", Role.TIME, BSplineBasis.clampedUniform(3, atomsT, 0, 1)),
                new Coordinate("a", Role.PARAMETER, BSplineBasis.clampedUniform(3, atomsA, 0.5, 1.5)));
        List<PdeProblem.Term> terms = List.of(new PdeProblem.TimeDerivative("t"),
                new PdeProblem.Advection("x", Field.of(Set.of("a"), z -> z[3])),
                new PdeProblem.Diffusion("x", Field.constant(NU_4D)), new PdeProblem.Diffusion("y", Field.constant(NU_4D)));
        Set<String> yta = Set.of("y", "t", "a");
        Set<String> xta = Set.of("x", "t", "a");
        List<Dirichlet> bcs = List.of(
                new Dirichlet("x", Field.of(yta, z -> wave4d(0, z[1], z[2], z[3])),
                        Field.of(yta, z -> wave4d(1, z[1], z[2], z[3]))),
                new Dirichlet("y", Field.of(xta, z -> wave4d(z[0], 0, z[2], z[3])),
                        Field.of(xta, z -> wave4d(z[0], 1, z[2], z[3]))));
        return new PdeProblem("advection-diffusion-4d", c, terms, bcs,
                Field.of(Set.of("x", "y"), z -> wave4d(z[0], z[1], 0, 1)),
                Field.of(Set.of("x", "y", "t", "a"), z -> wave4d(z[0], z[1], z[2], z[3])), "u");
    }

    /** A function of one coordinate (index d) as a field. */
    static Field of1(String name, int d, java.util.function.DoubleUnaryOperator g) {
        return Field.of(Set.of(name), z -> g.applyAsDouble(z[d]));
    }

    /** The solution itself as a field of a problem with {@code dim} coordinates (read at index dim). */
    static Field solution(int dim) {
        return Field.solution("u", dim);
    }

    /**
     * Steady nonlinear conduction -div(k0 (1 + b u) grad u) = f on (0,1)^2, u = 0 on the boundary, manufactured
     * u = sin(pi x) sin(pi y): f = k0 (1 + b u) 2 pi^2 u - k0 b |grad u|^2, a sum of products of 1-D functions.
     */
    static PdeProblem conduction(int atoms, double k0, double b) {
        BSplineBasis basis = BSplineBasis.clampedUniform(3, atoms, 0, 1);
        double pi = Math.PI;
        Field k = Field.product(List.of(Field.constant(k0),
                Field.sum(List.of(Field.constant(1), Field.product(List.of(Field.constant(b), solution(2)))))));
        Field sx = of1("x", 0, x -> Math.sin(pi * x));
        Field sy = of1("y", 1, y -> Math.sin(pi * y));
        Field cx = of1("x", 0, x -> Math.cos(pi * x));
        Field cy = of1("y", 1, y -> Math.cos(pi * y));
        Field f = Field.sum(List.of(
                Field.product(List.of(Field.constant(2 * k0 * pi * pi), sx, sy)),
                Field.product(List.of(Field.constant(2 * k0 * b * pi * pi), sx, sx, sy, sy)),
                Field.product(List.of(Field.constant(-k0 * b * pi * pi), cx, cx, sy, sy)),
                Field.product(List.of(Field.constant(-k0 * b * pi * pi), sx, sx, cy, cy))));
        return new PdeProblem("conduction", List.of(new Coordinate("x", Role.SPACE, basis),
                new Coordinate("y", Role.SPACE, basis)),
                List.of(new PdeProblem.Diffusion("x", k), new PdeProblem.Diffusion("y", k), new PdeProblem.Source(f)),
                List.of(new Dirichlet("x", Field.constant(0), Field.constant(0)),
                        new Dirichlet("y", Field.constant(0), Field.constant(0))),
                null, Field.product(List.of(sx, sy)), "u");
    }

    /**
     * Transient nonlinear conduction u_t - (k0 (1 + b u) u_x)_x = f on (0,1) x (0,1), u = 0 at x = 0 and 1,
     * manufactured u = e^-t sin(pi x): f = (k0 pi^2 - 1) e^-t sin(pi x) + k0 b pi^2 e^-2t (sin(pi x)^2 - cos(pi x)^2).
     */
    static PdeProblem transientConduction(int atomsX, int atomsT, double k0, double b) {
        double pi = Math.PI;
        Field k = Field.product(List.of(Field.constant(k0),
                Field.sum(List.of(Field.constant(1), Field.product(List.of(Field.constant(b), solution(2)))))));
        Field sx = of1("x", 0, x -> Math.sin(pi * x));
        Field cx = of1("x", 0, x -> Math.cos(pi * x));
        Field et = of1("t", 1, t -> Math.exp(-t));
        Field f = Field.sum(List.of(
                Field.product(List.of(Field.constant(k0 * pi * pi - 1), et, sx)),
                Field.product(List.of(Field.constant(k0 * b * pi * pi), et, et, sx, sx)),
                Field.product(List.of(Field.constant(-k0 * b * pi * pi), et, et, cx, cx))));
        return new PdeProblem("conduction-transient", List.of(
                new Coordinate("x", Role.SPACE, BSplineBasis.clampedUniform(3, atomsX, 0, 1)),
                new Coordinate("t", Role.TIME, BSplineBasis.clampedUniform(3, atomsT, 0, 1))),
                List.of(new PdeProblem.TimeDerivative("t"), new PdeProblem.Diffusion("x", k), new PdeProblem.Source(f)),
                List.of(new Dirichlet("x", Field.constant(0), Field.constant(0))), sx,
                Field.product(List.of(et, sx)), "u");
    }

    /**
     * Viscous Burgers with a manufactured source: u_t + (u^2/2)_x = nu u_xx + f on (0,1) x (0,1), u = e^-t sin(pi x):
     * f = -e^-t sin(pi x) + pi e^-2t sin(pi x) cos(pi x) + nu pi^2 e^-t sin(pi x). The convective term is given as
     * {@code flux} true: a flux derivative of u^2/2, else an advection with velocity u.
     */
    static PdeProblem burgersManufactured(int atomsX, int atomsT, double nu, boolean flux) {
        double pi = Math.PI;
        Field u = solution(2);
        PdeProblem.Term convection = flux
                ? new PdeProblem.FluxDerivative("x", Field.product(List.of(Field.constant(0.5), u, u)))
                : new PdeProblem.Advection("x", u);
        Field sx = of1("x", 0, x -> Math.sin(pi * x));
        Field et = of1("t", 1, t -> Math.exp(-t));
        Field f = Field.sum(List.of(
                Field.product(List.of(Field.constant(nu * pi * pi - 1), et, sx)),
                Field.product(List.of(Field.constant(pi), et, et, sx, of1("x", 0, x -> Math.cos(pi * x))))));
        return new PdeProblem("burgers-manufactured", List.of(
                new Coordinate("x", Role.SPACE, BSplineBasis.clampedUniform(3, atomsX, 0, 1)),
                new Coordinate("t", Role.TIME, BSplineBasis.clampedUniform(3, atomsT, 0, 1))),
                List.of(new PdeProblem.TimeDerivative("t"), convection,
                        new PdeProblem.Diffusion("x", Field.constant(nu)), new PdeProblem.Source(f)),
                List.of(new Dirichlet("x", Field.constant(0), Field.constant(0))), sx,
                Field.product(List.of(et, sx)), "u");
    }
}
