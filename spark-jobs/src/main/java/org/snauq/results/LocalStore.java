package org.snauq.results;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * {@link Store} on the local file system through {@code java.nio}: {@link Files#createFile} is an exclusive
 * create ({@code O_CREAT | O_EXCL}) and {@link Files#move} within one file system a {@code rename(2)}, both atomic.
 * Hadoop's local file system is not used: its create checks then opens (not exclusive), its rename falls back to
 * copying, and it leaves {@code .crc} files beside every file.
 */
final class LocalStore implements Store {

    private final Path root;

    LocalStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    private Path path(String rel) {
        return rel.isEmpty() ? root : root.resolve(rel);
    }

    @Override
    public String describe(String rel) {
        return path(rel).toString();
    }

    @Override
    public boolean exists(String rel) {
        return Files.exists(path(rel));
    }

    @Override
    public List<String> list(String rel) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(path(rel))) { // every entry: no pattern
            s.forEach(p -> names.add(p.getFileName().toString()));
        } catch (NoSuchFileException e) {
            return names;
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    @Override
    public void mkdirs(String rel) throws IOException {
        Files.createDirectories(path(rel));
    }

    @Override
    public void delete(String rel) throws IOException {
        Path p = path(rel);
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (NoSuchFileException e) {
            // removed meanwhile: the goal is met
        }
    }

    @Override
    public void moveNew(String from, String to) throws IOException {
        Path target = path(to);
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) { // rename(2) would replace an empty folder
            throw new FileAlreadyExistsException(target.toString());
        }
        Files.move(path(from), target, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public boolean createNew(String rel, byte[] content) throws IOException {
        Path p = path(rel);
        try {
            Files.createFile(p);
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        Files.write(p, content);
        return true;
    }

    @Override
    public byte[] read(String rel) throws IOException {
        try {
            return Files.readAllBytes(path(rel));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void replace(String rel, byte[] content) throws IOException {
        Path target = path(rel);
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(temporary, content);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public long modified(String rel) throws IOException {
        try {
            return Files.getLastModifiedTime(path(rel)).toMillis();
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    @Override
    public void touch(String rel) throws IOException {
        Files.setLastModifiedTime(path(rel), FileTime.fromMillis(System.currentTimeMillis()));
    }

    @Override
    public OutputFile outputFile(String rel) {
        return new LocalOutputFile(path(rel));
    }

    @Override
    public InputFile inputFile(String rel) {
        return new LocalInputFile(path(rel));
    }
}
