package org.snauq.study;

import java.io.IOException;
import java.nio.file.Path;

/** Files that are not regular files, for the tests of the file-kind checks. */
public final class SpecialFiles {

    /** A character device that never ends: reading it whole would exhaust memory. */
    public static final Path DEV_ZERO = Path.of("/dev/zero");

    private SpecialFiles() {
    }

    /** A named pipe without a writer: opening it for reading would block forever. */
    public static Path fifo(Path dir, String name) throws IOException, InterruptedException {
        Path p = dir.resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        if (mkfifo.waitFor() != 0) {
            throw new IOException("mkfifo " + p + " failed");
        }
        return p;
    }
}
