package org.snauq.galerkin;

import java.util.ArrayList;
import java.util.List;

/**
 * The derivative g_u of a solution-dependent field g(z, u) (a coefficient, velocity or flux of a nonlinear PDE), for
 * Newton's Jacobian and for a flux's velocity f_u: exact through sums, products, constants and u itself
 * ({@link Field.Solution}), so exact for every polynomial in u; by a central difference in u inside a general
 * function, with step h = {@link #STEP} (1 + |u|), whose error is O(h^2) plus rounding (about
 * 1e-16 / STEP^2 = 1e-8 relative for a second derivative).
 *
 * <p>Fields read u at index D of the point (after the D coordinates); see {@link PdeProblem}.
 */
final class Linearisation {

    /** Relative step of the central difference in u. */
    static final double STEP = 1e-4;

    private Linearisation() {
    }

    /** dg/du, or the constant 0 when g does not depend on u ({@code dim} coordinates before u). */
    static Field derivative(Field g, String u, int dim) {
        if (!g.variables().contains(u)) {
            return Field.constant(0);
        }
        if (g instanceof Field.Solution) {
            return Field.constant(1);
        }
        if (g instanceof Field.Sum s) {
            List<Field> parts = new ArrayList<>();
            for (Field p : s.parts()) {
                if (p.variables().contains(u)) {
                    parts.add(derivative(p, u, dim));
                }
            }
            return parts.size() == 1 ? parts.get(0) : Field.sum(parts);
        }
        if (g instanceof Field.Product p) {
            List<Field> parts = new ArrayList<>();
            List<Field> factors = p.factors();
            for (int i = 0; i < factors.size(); i++) {
                if (!factors.get(i).variables().contains(u)) {
                    continue;
                }
                List<Field> term = new ArrayList<>(factors);
                term.set(i, derivative(factors.get(i), u, dim));
                parts.add(Field.product(term));
            }
            return parts.size() == 1 ? parts.get(0) : Field.sum(parts);
        }
        return Field.of(g.variables(), z -> {
            double[] y = z.clone();
            double h = STEP * (1 + Math.abs(z[dim]));
            y[dim] = z[dim] + h;
            double up = g.value(y);
            y[dim] = z[dim] - h;
            return (up - g.value(y)) / (2 * h);
        });
    }
}
