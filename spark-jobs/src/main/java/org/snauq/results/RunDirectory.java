package org.snauq.results;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The folder of one run, {@code <output>/run_id=<ID>/}, made to appear complete or not at all. Everything is
 * written into a hidden sibling {@code <output>/.run_id=<ID>.tmp-<nonce>} (Spark's and DuckDB's
 * {@code run_id=*} globs skip it), {@code manifest.json} last; {@link #commit()} then renames it into place. An
 * existing run with the same ID is first renamed aside, and deleted only once the new one is in place, so at
 * every moment {@code run_id=<ID>} is either the old complete run or the new one. {@link #abort()} deletes the
 * temporary folder. Uses Hadoop's file system API, so the output may be local or on a cluster file system.
 */
public final class RunDirectory {

    static final String MANIFEST = "manifest.json";

    private final FileSystem fs;
    private final Path target;
    private final Path temporary;
    private final String nonce;

    private RunDirectory(FileSystem fs, Path target, Path temporary, String nonce) {
        this.fs = fs;
        this.target = target;
        this.temporary = temporary;
        this.nonce = nonce;
    }

    /** Creates the temporary folder of run {@code runId} under {@code output}. */
    public static RunDirectory begin(String output, String runId, Configuration conf) throws IOException {
        Path out = new Path(output);
        FileSystem fs = out.getFileSystem(conf);
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        Path target = new Path(out, "run_id=" + runId);
        Path temporary = new Path(out, ".run_id=" + runId + ".tmp-" + nonce);
        if (!fs.mkdirs(temporary)) {
            throw new IOException("cannot create " + temporary);
        }
        return new RunDirectory(fs, target, temporary, nonce);
    }

    /** Where table {@code name} is written (inside the temporary folder). */
    public String table(String name) {
        return new Path(temporary, name).toString();
    }

    /** The final folder of the run. */
    public String target() {
        return target.toString();
    }

    public void writeManifest(String json) throws IOException {
        try (OutputStream out = fs.create(new Path(temporary, MANIFEST), false)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Moves the finished run into place, replacing an earlier run with the same ID. */
    public void commit() throws IOException {
        Path aside = null;
        if (fs.exists(target)) {
            aside = new Path(target.getParent(), "." + target.getName() + ".old-" + nonce);
            if (!fs.rename(target, aside)) {
                throw new IOException("cannot move the earlier run " + target + " aside");
            }
        }
        if (!fs.rename(temporary, target)) {
            if (aside != null) {
                fs.rename(aside, target); // put the earlier run back
            }
            throw new IOException("cannot move " + temporary + " to " + target);
        }
        if (aside != null) {
            fs.delete(aside, true);
        }
    }

    /** Deletes the temporary folder of a failed run (best effort). */
    public void abort() {
        try {
            fs.delete(temporary, true);
        } catch (IOException e) {
            // nothing more to do: the folder is hidden and marked .tmp
        }
    }
}
