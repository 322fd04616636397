package org.snauq.results;

/**
 * Test hook: when the system property {@value #HALT_AT} names a step of the commit protocol, the JVM halts there
 * at once (no finally blocks, no shutdown hooks: as a {@code kill -9}), so tests can check that every step leaves
 * an output that the next run recovers. Steps: {@code staged:<table>}, {@code marked}, {@code locked},
 * {@code unlisted}, {@code moved:<table>}, {@code moved:_runs}, {@code listed}.
 */
public final class CrashPoints {

    public static final String HALT_AT = "sna.test.halt-at";
    /** The exit status of a halted JVM: as killed by signal 9. */
    public static final int STATUS = 137;

    private CrashPoints() {
    }

    static void reach(String step) {
        if (step.equals(System.getProperty(HALT_AT))) {
            Runtime.getRuntime().halt(STATUS);
        }
    }
}
