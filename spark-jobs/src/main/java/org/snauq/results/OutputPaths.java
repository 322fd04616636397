package org.snauq.results;

import java.nio.file.Files;
import java.nio.file.Path;
import org.snauq.study.Study;

/** Checks, before any work, that an output location can hold a folder: no part of a local path is a file. */
public final class OutputPaths {

    private OutputPaths() {
    }

    /**
     * @param output the output as given (a URI is left to the file system at write time)
     * @param what   how to name it in the message, e.g. {@code "s.yaml: output"} or {@code "--output"}
     * @throws IllegalArgumentException when the path or one of its parents is an existing file
     */
    public static void checkFolder(String output, String what) {
        if (Study.isUri(output)) {
            return;
        }
        for (Path p = Path.of(output).toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new IllegalArgumentException(what + " " + output + ": " + p + " is a file, not a folder");
            }
        }
    }
}
