package org.snauq.inverse;

/** How a MAP search ended. */
public enum MapStatus {
    /** The projected step and gradient fell below their tolerances. */
    CONVERGED,
    /** The iteration cap was reached first: the estimate is the best point seen, not a stationary point. */
    MAX_ITERATIONS,
    /** No start gave a finite posterior, or the damping grew without an acceptable step away from a stationary
     *  point. */
    FAILED
}
