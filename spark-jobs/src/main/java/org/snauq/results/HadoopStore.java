package org.snauq.results;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;

/**
 * {@link Store} on a Hadoop file system (HDFS and the like): {@code create(path, overwrite = false)} is an
 * exclusive create and {@code rename} of a path onto a free name is atomic there. Listing is
 * {@code listStatus}, never {@code globStatus}, so names with {@code ? * [ {} } are taken literally.
 */
final class HadoopStore implements Store {

    private final FileSystem fs;
    private final Path root;
    private final Configuration conf;

    HadoopStore(FileSystem fs, Path root, Configuration conf) {
        this.fs = fs;
        this.root = fs.makeQualified(root);
        this.conf = conf;
    }

    private Path path(String rel) {
        return rel.isEmpty() ? root : new Path(root, rel); // names never hold ':' (run IDs refuse it)
    }

    @Override
    public String describe(String rel) {
        return path(rel).toString();
    }

    @Override
    public boolean exists(String rel) throws IOException {
        return fs.exists(path(rel));
    }

    @Override
    public List<String> list(String rel) throws IOException {
        List<String> names = new ArrayList<>();
        try {
            for (FileStatus s : fs.listStatus(path(rel))) {
                names.add(s.getPath().getName());
            }
        } catch (FileNotFoundException e) {
            return names;
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    @Override
    public void mkdirs(String rel) throws IOException {
        if (!fs.mkdirs(path(rel))) {
            throw new IOException("cannot create " + path(rel));
        }
    }

    @Override
    public void delete(String rel) throws IOException {
        fs.delete(path(rel), true);
    }

    @Override
    public void moveNew(String from, String to) throws IOException {
        Path target = path(to);
        if (fs.exists(target)) { // rename would move the source into it
            throw new FileAlreadyExistsException(target.toString());
        }
        if (!fs.rename(path(from), target)) {
            throw new IOException("cannot rename " + path(from) + " to " + target);
        }
    }

    @Override
    public boolean createNew(String rel, byte[] content) throws IOException {
        try (OutputStream out = fs.create(path(rel), false)) {
            out.write(content);
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        return true;
    }

    @Override
    public byte[] read(String rel) throws IOException {
        try (InputStream in = fs.open(path(rel))) {
            return in.readAllBytes();
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    @Override
    public void replace(String rel, byte[] content) throws IOException {
        Path target = path(rel);
        Path temporary = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = fs.create(temporary, false)) {
                out.write(content);
            }
            FileContext.getFileContext(fs.getUri(), conf).rename(temporary, target, Options.Rename.OVERWRITE);
        } finally {
            fs.delete(temporary, false);
        }
    }

    @Override
    public long modified(String rel) throws IOException {
        try {
            return fs.getFileStatus(path(rel)).getModificationTime();
        } catch (FileNotFoundException e) {
            return -1;
        }
    }

    @Override
    public void touch(String rel) throws IOException {
        fs.setTimes(path(rel), System.currentTimeMillis(), -1);
    }

    @Override
    public OutputFile outputFile(String rel) throws IOException {
        return HadoopOutputFile.fromPath(path(rel), conf);
    }

    @Override
    public InputFile inputFile(String rel) throws IOException {
        return HadoopInputFile.fromPath(path(rel), conf);
    }
}
