package org.snauq.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * Writes {@code report.html} into a run folder from its tables and manifest (DESIGN.md section 4). Called by
 * {@code sna run} at the end of a run with its own session, and by {@code sna report RUN_DIR}.
 *
 * <p>The page is first written to a hidden temporary file beside the target and then moved over it in one
 * rename, so a reader sees the old report or the new one, never half of one. On the local file system this is
 * {@code rename(2)} (atomic, replaces); elsewhere Hadoop's {@code FileContext.rename(.., OVERWRITE)}.
 */
public final class ReportWriter {

    public static final String FILE = "report.html";

    private ReportWriter() {
    }

    /**
     * Reads the run in {@code runFolder} and writes its report.
     *
     * @return the report's path
     * @throws IllegalArgumentException when the folder is not a complete run
     */
    public static String write(SparkSession spark, String runFolder) throws IOException {
        RunData run = RunData.read(spark, runFolder);
        return write(spark, run);
    }

    /** Writes the report of an already read run. */
    public static String write(SparkSession spark, RunData run) throws IOException {
        String html = render(run);
        Path dir = new Path(run.folder());
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        Path target = new Path(dir, FILE);
        Path temporary = new Path(dir, "." + FILE + ".tmp-" + UUID.randomUUID().toString().substring(0, 8));
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
            java.nio.file.Path t = java.nio.file.Path.of(fs.makeQualified(temporary).toUri());
            try {
                Files.write(t, bytes);
                Files.move(t, java.nio.file.Path.of(fs.makeQualified(target).toUri()),
                        StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(t);
            }
        } else {
            try (OutputStream out = fs.create(temporary, false)) {
                out.write(bytes);
            }
            try {
                FileContext.getFileContext(fs.getUri(), fs.getConf()).rename(temporary, target,
                        Options.Rename.OVERWRITE);
            } finally {
                fs.delete(temporary, false);
            }
        }
        return fs.makeQualified(target).toString();
    }

    /** The report page of a run, as HTML text. */
    public static String render(RunData run) {
        return ReportPage.render(run);
    }
}
