package org.snauq.datasets.pde;

import java.util.Arrays;
import org.snauq.qoi.SpatialField;

/**
 * Trilinear interpolant of a {@link MovingHeatGridSolver.Solution} (plus an offset), so that the reference goes
 * through the same melt-pool searches as the SNA. Interpolation error O(h^2), the order of the scheme itself. A
 * solution on the half y &gt;= y_0 of a symmetric domain ({@code mirrorY}) reads as the whole domain, y mirrored.
 * Immutable, thread safe.
 */
public final class GridField implements SpatialField {

    private final MovingHeatGridSolver.Solution s;
    private final double offset;

    public GridField(MovingHeatGridSolver.Solution solution, double offset) {
        this.s = solution;
        this.offset = offset;
    }

    @Override
    public double lower(int axis) {
        double[] t = nodes(axis);
        return axis == 1 && s.mirrorY() ? 2 * t[0] - t[t.length - 1] : t[0];
    }

    @Override
    public double upper(int axis) {
        double[] t = nodes(axis);
        return t[t.length - 1];
    }

    private double[] nodes(int axis) {
        return axis == 0 ? s.x() : axis == 1 ? s.y() : s.z();
    }

    /** Index i with t[i] &lt;= v &lt;= t[i + 1] (clamped to the grid). */
    private static int cell(double[] t, double v) {
        int i = Arrays.binarySearch(t, v);
        if (i < 0) {
            i = -i - 2;
        }
        return Math.max(0, Math.min(t.length - 2, i));
    }

    @Override
    public double value(double px, double py, double pz) {
        double[] x = s.x();
        double[] y = s.y();
        double[] z = s.z();
        int i = cell(x, px);
        if (s.mirrorY() && py < y[0]) {
            py = 2 * y[0] - py;
        }
        int j = cell(y, py);
        int k = cell(z, pz);
        double fx = Math.min(1, Math.max(0, (px - x[i]) / (x[i + 1] - x[i])));
        double fy = Math.min(1, Math.max(0, (py - y[j]) / (y[j + 1] - y[j])));
        double fz = Math.min(1, Math.max(0, (pz - z[k]) / (z[k + 1] - z[k])));
        double v = 0;
        for (int a = 0; a <= 1; a++) {
            double wa = a == 0 ? 1 - fx : fx;
            for (int b = 0; b <= 1; b++) {
                double wb = b == 0 ? 1 - fy : fy;
                for (int c = 0; c <= 1; c++) {
                    double wc = c == 0 ? 1 - fz : fz;
                    v += wa * wb * wc * s.value(i + a, j + b, k + c);
                }
            }
        }
        return v + offset;
    }
}
