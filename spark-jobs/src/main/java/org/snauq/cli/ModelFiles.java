package org.snauq.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.snauq.model.SnaFormatException;
import org.snauq.model.SnaModel;
import org.snauq.model.SnaModelFile;

/** Model-file and output-path checks shared by the subcommands, with messages that name the path. */
final class ModelFiles {

    private ModelFiles() {
    }

    /**
     * Reads a model the user named; a missing, unreadable or special file (a pipe, a device) is bad input, as is a
     * damaged one.
     */
    static SnaModel read(Path file) throws SnaFormatException {
        if (!Files.exists(file)) {
            throw new UserInputException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new UserInputException(file + ": is a folder, expected a .sna model file");
        }
        if (!Files.isRegularFile(file)) { // a pipe or device could block or never end
            throw new UserInputException(file + ": not a regular file (a pipe, socket or device)");
        }
        try {
            return SnaModelFile.read(file);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot be read (" + e + ")", e);
        }
    }

    /**
     * Checks, before any work, that {@code output} can be written: it is not a folder, and its nearest existing
     * ancestor is a writable folder (missing folders below it are created when the file is written).
     */
    static void checkWritable(Path output, String option) {
        String what = option + " " + output;
        if (Files.isDirectory(output)) {
            throw new UserInputException(what + ": is a folder; give a file name such as model.sna");
        }
        if (Files.exists(output) && !Files.isWritable(output)) {
            throw new UserInputException(what + ": the file exists and is not writable");
        }
        Path dir = output.toAbsolutePath().getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new UserInputException(what + ": no existing folder above it");
        }
        if (!Files.isDirectory(dir)) {
            throw new UserInputException(what + ": cannot be created because " + dir + " is a file, not a folder");
        }
        if (!Files.isWritable(dir)) {
            throw new UserInputException(what + ": folder " + dir + " is not writable");
        }
    }

    /** Writes the model atomically, creating missing parent folders; returns the file size. */
    static long write(SnaModel model, Path output) throws IOException {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        SnaModelFile.write(model, output);
        return Files.size(output);
    }
}
