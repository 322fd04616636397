package org.snauq.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.snauq.study.Study;

/**
 * Checks, before any work, that an output location given by the user can be written: not empty, no part of a
 * local path a file, and the nearest existing folder writable (tried by creating and deleting a probe folder in
 * it, since permission bits do not tell for every user and file system). A URI other than {@code file:} is left
 * to the file system at write time.
 */
public final class OutputPaths {

    private OutputPaths() {
    }

    /**
     * The output as given, resolved against {@code cwd} when it is a relative local path, and checked.
     *
     * @param what how to name it in messages, e.g. {@code "--output"}
     * @throws OutputException when it is empty or cannot be written
     */
    public static String resolve(String given, Path cwd, String what) {
        if (given.isBlank()) {
            throw new OutputException(what + " must name a folder, got '" + given + "'");
        }
        String output = Study.resolveOutput(given, cwd);
        checkFolder(output, what);
        return output;
    }

    /**
     * Checks a resolved output.
     *
     * @throws OutputException when the path or one of its parents is a file, or the folder cannot be written
     */
    public static void checkFolder(String output, String what) {
        Path local;
        if (!Study.isUri(output)) {
            local = Path.of(output).toAbsolutePath();
        } else if (output.startsWith("file:")) {
            local = Path.of(java.net.URI.create(output));
        } else {
            return;
        }
        Path existing = null;
        for (Path p = local; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new OutputException(what + " " + output + ": " + p + " is a file, not a folder");
            }
            if (existing == null && Files.isDirectory(p)) {
                existing = p;
            }
        }
        if (existing == null) {
            return; // nothing exists above it: the file system will say at write time
        }
        Path probe = existing.resolve(".sna-probe-" + UUID.randomUUID());
        try {
            Files.createDirectory(probe);
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new OutputException(what + " " + output + ": cannot write in " + existing + " ("
                    + e.getClass().getSimpleName().replace("Exception", "") + ")");
        }
    }
}
