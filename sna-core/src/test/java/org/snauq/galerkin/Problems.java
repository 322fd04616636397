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
}
