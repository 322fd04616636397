package org.snauq.qoi;

/**
 * A scalar field on a 3-D box [lower_a, upper_a] (axes 0, 1, 2: along the scan, across it, depth), read point by
 * point: the object the melt-pool searches of {@link MeltPool} walk on. Implemented by a slice of an SNA at fixed
 * parameters ({@link SnaSlice}) and by interpolants of full-grid reference solutions, so both go through exactly
 * the same QoI definition.
 *
 * <p>Implementations need not be thread safe (they may keep scratch).
 */
public interface SpatialField {

    /** Lower end of axis a (0, 1 or 2). */
    double lower(int axis);

    /** Upper end of axis a. */
    double upper(int axis);

    /** The value at (x, y, z), a point of the box. */
    double value(double x, double y, double z);
}
