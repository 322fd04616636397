package org.snauq.qoi;

/**
 * Melt-pool quantities of interest of one temperature field, in the field's units and coordinates.
 *
 * @param peak   maximum of the field on the top surface (axis 2 at its lower end)
 * @param peakX  axis-0 coordinate of the point the principal lines go through (the peak, or the maximum on the
 *               centre line)
 * @param peakY  axis-1 coordinate of that point
 * @param length extent along axis 0 of the set {value >= threshold} on the line through the peak
 * @param width  extent along axis 1 on the line through the peak
 * @param depth  extent along axis 2 (downwards from the surface) on the line through the peak
 * @param clipped true when an extent reaches the end of the box (the pool is cut by the domain)
 */
public record MeltPoolQoi(double peak, double peakX, double peakY, double length, double width, double depth,
                          boolean clipped) {
}
