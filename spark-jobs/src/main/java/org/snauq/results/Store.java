package org.snauq.results;

import java.io.IOException;
import java.util.List;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;

/**
 * The few file operations the results layout needs, on paths relative to one root folder ({@code a/b/c}, '/'
 * separated, each name taken literally: never a glob pattern). Two implementations: {@link LocalStore} on the local
 * file system through {@code java.nio} (atomic exclusive create, {@code rename(2)}), {@link HadoopStore} on any
 * Hadoop file system (HDFS: atomic create and rename).
 *
 * <p>{@link #moveNew} is the only rename, and its target never exists: Hadoop's rename onto an existing folder
 * moves the source <em>into</em> it, so callers clear the target first, under the run's lock.
 */
interface Store {

    /** The full path or URI of {@code rel}, for messages and for Spark writers. */
    String describe(String rel);

    boolean exists(String rel) throws IOException;

    /** Names of the children of folder {@code rel}, sorted; empty when it does not exist. */
    List<String> list(String rel) throws IOException;

    void mkdirs(String rel) throws IOException;

    /** Deletes {@code rel} and everything under it; nothing happens when it does not exist. */
    void delete(String rel) throws IOException;

    /**
     * Renames {@code from} to {@code to} in one atomic step.
     *
     * @throws IOException when {@code to} exists or the rename fails
     */
    void moveNew(String from, String to) throws IOException;

    /** Creates file {@code rel} with {@code content} if no file of that name exists, atomically; false if it did. */
    boolean createNew(String rel, byte[] content) throws IOException;

    /** The content of file {@code rel}, or null when it does not exist. */
    byte[] read(String rel) throws IOException;

    /** Writes file {@code rel}, replacing an existing one in one rename: readers see the old or the new content. */
    void replace(String rel, byte[] content) throws IOException;

    /** Milliseconds since the epoch of the last change of {@code rel}, or -1 when it does not exist. */
    long modified(String rel) throws IOException;

    /** Sets the modification time of {@code rel} to now (a heartbeat). */
    void touch(String rel) throws IOException;

    OutputFile outputFile(String rel) throws IOException;

    InputFile inputFile(String rel) throws IOException;

    /** {@code a/b} from its parts. */
    static String join(String... parts) {
        return String.join("/", parts);
    }
}
