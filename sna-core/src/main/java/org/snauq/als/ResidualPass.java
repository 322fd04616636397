package org.snauq.als;

import java.io.Serializable;
import java.util.List;
import org.snauq.basis.BSplineBasis;

/**
 * A pass over raw rows (z_j, y_j) that adds each row's response and model value u(z_j) = offset(z_j) + terms(z_j)
 * to a {@link ResidualAccumulator}: the training error that steers the sweeps and the validation error (and Q2)
 * that chooses the rank, computed where the rows are. Per row O(D (p + 1)^2 + D R (p + 1)).
 *
 * <p>Immutable and thread safe; the per-thread scratch is an {@link AlsWorkspace}. Serializable (to the
 * executors) through its settings, as {@link CoordinatePass}.
 *
 * <p>API CONTRACT: {@link #of}, {@link #newWorkspace()}, {@link #accept}.
 */
public final class ResidualPass implements Serializable {

    private static final long serialVersionUID = 1L;

    private final transient List<BSplineBasis> bases;
    private final CpFactors terms;
    private final CpFactors offset;

    private ResidualPass(List<BSplineBasis> bases, CpFactors terms, CpFactors offset) {
        this.bases = bases;
        this.terms = terms;
        this.offset = offset;
    }

    /**
     * @param terms  the terms fitted, or null (zero)
     * @param offset fixed terms added to them, or null
     */
    public static ResidualPass of(List<BSplineBasis> bases, CpFactors terms, CpFactors offset) {
        List<BSplineBasis> b = List.copyOf(bases);
        if (terms != null) {
            CoordinatePass.checkShape(b, terms, "terms");
        }
        if (offset != null) {
            CoordinatePass.checkShape(b, offset, "offset");
        }
        return new ResidualPass(b, terms, offset);
    }

    private Object writeReplace() {
        return new Form(BasisForm.of(bases), terms, offset);
    }

    /** The serial form: what {@link #of} takes. */
    private record Form(BasisForm[] bases, CpFactors terms, CpFactors offset) implements Serializable {
        private Object readResolve() {
            return of(BasisForm.bases(bases), terms, offset);
        }
    }

    public AlsWorkspace newWorkspace() {
        return new AlsWorkspace(bases, terms == null ? 0 : terms.rank, offset == null ? 0 : offset.rank);
    }

    /**
     * Adds one row.
     *
     * @param residuals written
     * @param x         read, the row's D inputs at x[off .. off + D)
     * @param ws        scratch from {@link #newWorkspace()}
     */
    public void accept(ResidualAccumulator residuals, double[] x, int off, double y, AlsWorkspace ws) {
        ws.locate(x, off);
        double base = ws.value(offset, ws.phiOffset);
        residuals.accept(y, base + ws.value(terms, ws.phi));
    }
}
