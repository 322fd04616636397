package org.snauq.models;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snauq.study.ModelSource;
import org.snauq.study.Study;
import org.snauq.study.StudyException;

/**
 * An external program as a study model ({@code model: {command: ...}}, docs/SIMULATORS.md): each task runs it in a
 * working folder of its own and exchanges points and outputs with it over stdin and stdout in a line protocol
 * ({@link LineFormat}), one process per call or one worker process per task ({@link CommandLink}); calls, timeouts,
 * retries and failed points are {@link ExternalModel}'s.
 *
 * <p>The driver checks the program and files before anything runs ({@link #of}): a program given by path must be
 * an executable regular file, one given by name must be on the PATH, every file must exist. Files given by path
 * (the program, {@code files}) are named by content and shipped to the executors of a cluster
 * ({@link ShippedFile}).
 */
public final class CommandModel extends ExternalModel implements ShippedModel {

    private static final long serialVersionUID = 1L;

    private final String[] command;
    private final ShippedFile program;
    private final ShippedFile[] files;
    private final LineFormat format;
    private final boolean worker;

    private CommandModel(List<String> inputs, ModelSource.Command source, ShippedFile program,
                         List<ShippedFile> files, String where) {
        super(inputs, source.external(), where, "command " + String.join(" ", source.command()) + " ("
                + source.format() + (source.worker() ? ", worker" : "") + ")");
        this.command = source.command().toArray(String[]::new);
        this.program = program;
        this.files = files.toArray(ShippedFile[]::new);
        this.format = LineFormat.of(source.format());
        this.worker = source.worker();
    }

    /**
     * The command model of {@code source}, its program and files checked on the driver.
     *
     * @param where the study place for messages, e.g. {@code "s.yaml: model.command"}
     * @throws StudyException naming the key: a missing program or file, a program that is not executable
     */
    public static CommandModel of(Study study, ModelSource.Command source, String where) {
        String first = source.command().get(0);
        ShippedFile program = null;
        if (first.contains("/")) {
            Path p = Path.of(first);
            checkFile(where + ".command[0]", p);
            if (!Files.isExecutable(p)) {
                throw new StudyException(where + ".command[0]: " + p + " is not executable (chmod +x it, or run it"
                        + " through its interpreter, e.g. command: [sh, script.sh])");
            }
            program = ship(where + ".command[0]", p);
        } else if (onPath(first) == null) {
            throw new StudyException(where + ".command[0]: program '" + first + "' is not on the PATH (give its path,"
                    + " e.g. ./" + first + ")");
        }
        List<ShippedFile> files = new ArrayList<>();
        Map<String, Path> names = new HashMap<>();
        for (int i = 0; i < source.files().size(); i++) {
            Path f = source.files().get(i);
            String key = where + ".files[" + i + "]";
            checkFile(key, f);
            Path earlier = names.putIfAbsent(String.valueOf(f.getFileName()), f);
            if (earlier != null) {
                throw new StudyException(key + ": " + f + " has the same name as " + earlier + "; files are copied"
                        + " into the task's working folder by name");
            }
            files.add(ship(key, f));
        }
        return new CommandModel(study.inputNames(), source, program, files, where);
    }

    private static void checkFile(String key, Path p) {
        if (!Files.exists(p)) {
            throw new StudyException(key + ": no such file " + p);
        }
        if (!Files.isRegularFile(p)) {
            throw new StudyException(key + ": " + p + " is not a regular file (a folder, pipe or device)");
        }
    }

    private static ShippedFile ship(String key, Path p) {
        try {
            return ShippedFile.of(p);
        } catch (IOException e) {
            throw new StudyException(key + ": cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** The executable called {@code name} on this machine's PATH, or null. */
    static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir).resolve(name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @Override
    protected ExternalLink open() {
        return new CommandLink(this);
    }

    /** The command as written: the program (a path, or a name looked up on the PATH), then its arguments. */
    List<String> command() {
        return List.of(command);
    }

    /** The program when given by path (shipped), or null when looked up on the PATH. */
    ShippedFile program() {
        return program;
    }

    /** Files copied into each task's working folder. */
    List<ShippedFile> files() {
        return List.of(files);
    }

    LineFormat format() {
        return format;
    }

    /** One process per task, fed call after call, rather than one per call. */
    boolean worker() {
        return worker;
    }

    @Override
    public List<ShippedFile> shippedFiles() {
        List<ShippedFile> all = new ArrayList<>();
        if (program != null) {
            all.add(program);
        }
        all.addAll(List.of(files));
        return all;
    }

    /** What defines the model, for its hash: the command, the content of its files, protocol and settings. */
    String identity() {
        StringBuilder b = new StringBuilder("command:").append(String.join("\u0000", command));
        for (ShippedFile f : shippedFiles()) {
            b.append('\u0000').append(f.fileName()).append('=').append(f.sha256());
        }
        return b.append("\u0000").append(format.key()).append(worker).append(outputs()).toString();
    }

    /** Facts for the manifest. */
    Map<String, Object> report() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("command", List.of(command));
        if (program != null) {
            r.put("program_sha256", program.sha256());
        }
        if (files.length > 0) {
            Map<String, Object> f = new LinkedHashMap<>();
            for (ShippedFile s : files) {
                f.put(s.path(), s.sha256());
            }
            r.put("files", f);
        }
        r.put("format", format.key());
        r.put("worker", worker);
        r.put("timeout_s", timeoutSeconds());
        return r;
    }
}
