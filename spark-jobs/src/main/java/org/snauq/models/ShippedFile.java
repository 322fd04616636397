package org.snauq.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;

/**
 * A file a model needs on the executors (a program, a file it reads, a jar), named by its content: Spark ships files
 * by name ({@code SparkContext.addFile}, {@code addJar}) and refuses a second file of the same name, so the name is
 * {@code <first 16 hex digits of the SHA-256>-<file name>}; two versions of {@code sim.sh} get two names, and the
 * same content always the same one.
 *
 * <p>On a cluster the driver ships the file under {@link #name()} ({@code org.snauq.spark.ModelShipping}); a task
 * finds its copy with {@link #local()}, or the driver's path when the file was not shipped (local mode, where the
 * executors share the driver's file system, or a file system every node mounts).
 *
 * @param path   the driver's absolute path
 * @param sha256 the content's SHA-256, hex
 */
public record ShippedFile(String path, String sha256) implements Serializable {

    public ShippedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** The file at {@code path} (absolute), its content hashed. */
    public static ShippedFile of(Path path) throws IOException {
        MessageDigest md = ModelLoader.sha();
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return new ShippedFile(path.toAbsolutePath().toString(), HexFormat.of().formatHex(md.digest()));
    }

    /** The file's own name (the last part of its path). */
    public String fileName() {
        return String.valueOf(Path.of(path).getFileName());
    }

    /** The name it is shipped under: content hash prefix and file name. */
    public String name() {
        return sha256.substring(0, 16) + "-" + fileName();
    }

    /** Where the file is for the code running now: the task's shipped copy if there is one, else the driver's path. */
    public Path local() {
        if (TaskContext.get() != null) {
            Path copy = Path.of(SparkFiles.get(name()));
            if (Files.isRegularFile(copy)) {
                return copy;
            }
        }
        return Path.of(path);
    }
}
