package org.snauq.fuzz;

/** What the fuzz targets require of an expected error: one line, so the command line prints one line. */
final class Findings {

    private Findings() {
    }

    static void checkOneLine(Exception e) {
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.contains("\n") || m.contains("\r")) {
            throw new IllegalStateException("the message must be one non-empty line, got: " + m, e);
        }
    }
}
