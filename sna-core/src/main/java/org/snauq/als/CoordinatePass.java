package org.snauq.als;

import java.io.Serializable;
import java.util.List;
import org.snauq.basis.BSplineBasis;

/**
 * One coordinate update's pass over raw rows (z_j, y_j): adds each row's a_j = B^d(z_jd) kron c_j and residual
 * r_j = t_j - a_j . V, t_j = y_j - offset(z_j), to a {@link NormalEquationsAccumulator}, with
 * c_jr = prod_{e != d} phi_r^e(z_je) and V = W^d diag(lambda) from the current factors. This is the executor side of a distributed ALS step: the driver builds the pass (a few KB,
 * broadcast), each task fills one accumulator from its rows with {@link #accept}, the accumulators combine, and
 * the driver solves. Per row O(D (p + 1)^2 + D R (p + 1) + ((p + 1) R)^2 / 2).
 *
 * <p>Immutable and thread safe; the per-thread scratch is an {@link AlsWorkspace}. Serializable (to the
 * executors) through its settings: the atoms as {@link BasisForm}s, rebuilt bit for bit.
 *
 * <p>API CONTRACT: {@link #of}, {@link #newAccumulator()}, {@link #newWorkspace()}, {@link #accept}.
 */
public final class CoordinatePass implements Serializable {

    private static final long serialVersionUID = 1L;

    private final transient List<BSplineBasis> bases;
    private final int d;
    private final CpFactors terms;
    private final CpFactors offset;
    /** V = W^d diag(lambda) of the terms: a row's residual is t_j - a_j . V. */
    private final double[] v;

    private CoordinatePass(List<BSplineBasis> bases, int d, CpFactors terms, CpFactors offset) {
        this.bases = bases;
        this.d = d;
        this.terms = terms;
        this.offset = offset;
        this.v = RowKernels.scaled(terms.w[d], terms.lambda, terms.rank);
    }

    /**
     * @param bases  the atoms of every coordinate, as the factors use them
     * @param d      the coordinate being updated
     * @param terms  the terms being fitted (their coordinate d is the unknown)
     * @param offset fixed terms subtracted from the responses (the model an enrichment term is added to), or null
     */
    public static CoordinatePass of(List<BSplineBasis> bases, int d, CpFactors terms, CpFactors offset) {
        List<BSplineBasis> b = List.copyOf(bases);
        checkShape(b, terms, "terms");
        if (offset != null) {
            checkShape(b, offset, "offset");
        }
        if (d < 0 || d >= b.size()) {
            throw new IllegalArgumentException("coordinate must be in [0, " + b.size() + "), got " + d);
        }
        return new CoordinatePass(b, d, terms, offset);
    }

    static void checkShape(List<BSplineBasis> bases, CpFactors f, String what) {
        if (f.dimension() != bases.size()) {
            throw new IllegalArgumentException(what + " must have " + bases.size() + " coordinates, got "
                    + f.dimension());
        }
        for (int e = 0; e < bases.size(); e++) {
            if (f.count(e) != bases.get(e).count()) {
                throw new IllegalArgumentException(what + " must have " + bases.get(e).count()
                        + " atoms in coordinate " + e + ", got " + f.count(e));
            }
        }
    }

    private Object writeReplace() {
        return new Form(BasisForm.of(bases), d, terms, offset);
    }

    /** The serial form: what {@link #of} takes. */
    private record Form(BasisForm[] bases, int d, CpFactors terms, CpFactors offset) implements Serializable {
        private Object readResolve() {
            return of(BasisForm.bases(bases), d, terms, offset);
        }
    }

    /** An empty accumulator of the right size, n_d R. */
    public NormalEquationsAccumulator newAccumulator() {
        return new NormalEquationsAccumulator(bases.get(d).count() * terms.rank,
                (bases.get(d).degree() + 1) * terms.rank);
    }

    public AlsWorkspace newWorkspace() {
        return new AlsWorkspace(bases, terms.rank, offset == null ? 0 : offset.rank);
    }

    /**
     * Adds one row.
     *
     * @param sums written
     * @param x    read, the row's D inputs at x[off .. off + D), inside the atoms' domains
     * @param y    the row's response
     * @param ws   scratch from {@link #newWorkspace()}
     */
    public void accept(NormalEquationsAccumulator sums, double[] x, int off, double y, AlsWorkspace ws) {
        ws.locate(x, off);
        double t = offset == null ? y : y - ws.value(offset, ws.phiOffset);
        ws.factors(terms, ws.phi, d);
        int rank = terms.rank;
        RowKernels.othersProduct(ws.phi, 0, d, rank, ws.c);
        int width = ws.atoms[d].length;
        RowKernels.design(ws.atoms[d], 0, width, ws.c, rank, ws.a);
        int o = ws.first[d] * rank;
        int m = width * rank;
        sums.accept(o, ws.a, m, t - RowKernels.dot(ws.a, m, v, o));
    }
}
