package org.snauq.datasets.pde;

/**
 * Values of a full-grid solution at the nodes of a uniform tensor grid over a box, boundary nodes included:
 * node (i_1..i_D) sits at z_d = lower_d + i_d h_d, i_d = 0..nodes_d - 1, stored with the last coordinate fastest.
 *
 * @param lower   box lower corner
 * @param upper   box upper corner
 * @param nodes   nodes per coordinate (intervals + 1)
 * @param values  prod_d nodes_d values
 * @param iterations solver iterations (0 for direct solvers)
 * @param seconds wall time of the solve
 */
public record GridSolution(double[] lower, double[] upper, int[] nodes, double[] values, int iterations,
                           double seconds) {

    public int dimension() {
        return nodes.length;
    }

    public double spacing(int d) {
        return (upper[d] - lower[d]) / (nodes[d] - 1);
    }

    /** Number of unknowns of the full grid, prod_d nodes_d. */
    public long size() {
        long s = 1;
        for (int n : nodes) {
            s *= n;
        }
        return s;
    }

    /** Coordinates of the node with flat index {@code flat}. */
    public double[] point(int flat) {
        double[] z = new double[nodes.length];
        for (int d = nodes.length - 1; d >= 0; d--) {
            int i = flat % nodes[d];
            flat /= nodes[d];
            z[d] = i == nodes[d] - 1 ? upper[d] : lower[d] + i * spacing(d);
        }
        return z;
    }
}
