package org.snauq.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A task's side of a {@link CommandModel}: a working folder of its own (a fresh temporary folder holding a copy of
 * the model's {@code files}, deleted when the task ends) and the program run in it, speaking the model's
 * {@link LineFormat}. Either one process per call (points written, stdin closed, answers read to the end of stdout),
 * or a worker: one process for the whole task, sent each call's points and expected to answer each line as it comes
 * (and to flush it), restarted after a broken call.
 *
 * <p>A call breaks when the program exits with a non-zero code or is killed at the timeout before answering every
 * point; the answers read until then count (each line is a whole answer; a last line without its end of line counts
 * only if the program exits with code 0). Thrown as bad input (exit 2): the program cannot be started, it exits with
 * 126 or 127 (the shell's "cannot execute" and "command not found"), it exits with 0 without answering every point,
 * or it breaks the protocol (a wrong header, a wrong number of values, text that is not a number, more answers than
 * points, a line over {@link ProgramProcess#MAX_LINE} characters).
 */
final class CommandLink implements ExternalLink {

    /** How long a worker may take to exit once its stdin is closed at the end of the task. */
    static final long WORKER_GRACE_MILLIS = 2_000;

    private final CommandModel model;
    private final String[] inputs;
    private final String[] outputs;
    private final LineFormat format;
    private final Path dir;
    private final List<String> command;
    /** The worker process and its answers so far, or null (one process per call, or none started yet). */
    private Answers worker;

    CommandLink(CommandModel model) {
        this.model = model;
        this.inputs = model.inputNames().toArray(String[]::new);
        this.outputs = model.outputs().toArray(String[]::new);
        this.format = model.format();
        try {
            this.dir = Files.createTempDirectory("sna-task-");
            for (ShippedFile f : model.files()) {
                Files.copy(f.local(), dir.resolve(f.fileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the working folder of " + model.description(), e);
        }
        List<String> c = new ArrayList<>(model.command());
        if (model.program() != null) {
            c.set(0, model.program().local().toString());
        }
        this.command = List.copyOf(c);
    }

    /** The task's working folder. */
    Path folder() {
        return dir;
    }

    @Override
    public Reply call(double[] points, int from, int count, double[] out, UqModel.Failures failures, long timeout) {
        long deadline = timeout > 0 ? System.nanoTime() + timeout : Long.MAX_VALUE;
        StringBuilder text = new StringBuilder(count * inputs.length * 12);
        for (int j = 0; j < count; j++) {
            format.appendPoint(points, from + j, inputs.length, inputs, text);
        }
        try {
            return model.worker() ? callWorker(text, from, count, out, failures, deadline, timeout)
                    : callOnce(text, from, count, out, failures, deadline, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reset();
            throw new IllegalStateException("interrupted while waiting for " + model.description(), e);
        }
    }

    private Reply callOnce(StringBuilder text, int from, int count, double[] out, UqModel.Failures failures,
                           long deadline, long timeout) throws InterruptedException {
        try (ProgramProcess p = start()) {
            String header = format.inputHeader(inputs);
            p.send(header == null ? text.toString() : header + text);
            p.endInput();
            Answers a = new Answers(p);
            try {
                Reply r = read(a, from, count, out, failures, deadline, timeout);
                String extra = r.answered() == count ? a.next(deadline) : null;
                if (extra != null) {
                    throw new LineFormat.Violation("answered more lines than the " + count + " points sent (line "
                            + a.line + ": '" + LineFormat.printable(extra) + "')");
                }
                return r;
            } catch (TimeoutException e) {
                return Reply.broken(a.answered, timedOut(timeout, ""));
            } catch (LineFormat.Violation v) {
                throw violation(v);
            }
        }
    }

    private Reply callWorker(StringBuilder text, int from, int count, double[] out, UqModel.Failures failures,
                             long deadline, long timeout) throws InterruptedException {
        if (worker == null) {
            ProgramProcess p = start();
            String header = format.inputHeader(inputs);
            if (header != null) {
                p.send(header);
            }
            worker = new Answers(p);
        }
        worker.p.send(text.toString());
        worker.answered = 0;
        try {
            return read(worker, from, count, out, failures, deadline, timeout);
        } catch (TimeoutException e) {
            return Reply.broken(worker.answered, timedOut(timeout, " (a worker must write and flush each answer line"
                    + " as soon as it has read the point)"));
        } catch (LineFormat.Violation v) {
            throw violation(v);
        }
    }

    /** Reads the answer header (once per process) and the answers of {@code count} points. */
    private Reply read(Answers a, int from, int count, double[] out, UqModel.Failures failures, long deadline,
                       long timeout) throws InterruptedException, TimeoutException, LineFormat.Violation {
        if (format.hasAnswerHeader() && a.columns == null) {
            String line = a.next(deadline);
            if (line == null) {
                return ended(a.p, 0, count, deadline, timeout, "without writing the header line");
            }
            a.columns = format.answerHeader(line, outputs);
        }
        while (a.answered < count) {
            String line = a.next(deadline);
            if (line == null) {
                return ended(a.p, a.answered, count, deadline, timeout, "");
            }
            answer(line, a, from + a.answered, out, failures);
        }
        return Reply.complete(count);
    }

    private void answer(String line, Answers a, int point, double[] out, UqModel.Failures failures)
            throws LineFormat.Violation {
        String why;
        try {
            why = format.answer(line, a.columns, outputs, out, point * outputs.length);
        } catch (LineFormat.Violation v) {
            throw new LineFormat.Violation("line " + a.line + " " + v.getMessage());
        }
        if (why != null) {
            failures.fail(point, why);
        }
        a.answered++;
    }

    /**
     * Stdout ended after {@code answered} of {@code count} points: a crash is a broken call, a normal exit a protocol
     * violation.
     */
    private Reply ended(ProgramProcess p, int answered, int count, long deadline, long timeout,
                        String what) throws InterruptedException, LineFormat.Violation {
        if (p.overlong()) {
            throw new LineFormat.Violation("wrote a line longer than " + ProgramProcess.MAX_LINE + " characters");
        }
        Integer code = p.exitCode(deadline);
        if (code == null) {
            p.kill();
            return Reply.broken(answered, timedOut(timeout, " (after closing its output)"));
        }
        if (code == 126 || code == 127) {
            throw model.error(name() + " could not run: exit code " + code + (code == 127 ? " (command not found)"
                    : " (cannot execute)") + stderr(p));
        }
        if (code != 0) {
            return Reply.broken(answered, "exit code " + code + stderr(p));
        }
        throw new LineFormat.Violation("exited with code 0 " + (what.isEmpty() ? "after answering " + answered
                + " of the " + count + " points sent" : what) + stderr(p));
    }

    private String stderr(ProgramProcess p) {
        String last = p.lastErrorLine();
        return last == null ? "" : ": " + LineFormat.printable(last);
    }

    private String timedOut(long timeout, String hint) {
        return String.format(Locale.ROOT, "timed out after %s s%s", seconds(timeout), hint);
    }

    private static String seconds(long nanos) {
        double s = nanos / 1e9;
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }

    private org.snauq.study.BadInputException violation(LineFormat.Violation v) {
        reset();
        return model.error(name() + " broke the " + format.key() + " protocol: its answer " + v.getMessage());
    }

    private String name() {
        return model.command().get(0);
    }

    private ProgramProcess start() {
        try {
            return ProgramProcess.start(command, dir);
        } catch (IOException e) {
            throw model.error("cannot start " + name() + ": " + LineFormat.printable(String.valueOf(e.getMessage())));
        }
    }

    @Override
    public void reset() {
        if (worker != null) {
            worker.p.kill();
            worker = null;
        }
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.p.finish(WORKER_GRACE_MILLIS);
            worker = null;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a file the program left open or locked: the temporary folder stays, nothing else depends on it
        }
    }

    /**
     * A process's answers: its non-blank lines, counted for messages, the columns its header gave, and the points of
     * the current call answered so far.
     */
    private static final class Answers {
        final ProgramProcess p;
        long line;
        int answered;
        int[] columns;
        private boolean tailRead;

        Answers(ProgramProcess p) {
            this.p = p;
        }

        /**
         * The next non-blank line, or null at the end of the output. A last line without its line break is an answer
         * only if the program exits with code 0 (a crash may have cut it).
         */
        String next(long deadline) throws InterruptedException, TimeoutException {
            while (true) {
                String s = p.nextLine(deadline);
                if (s == null) {
                    String tail = p.unterminated();
                    if (tail != null && !tailRead && !tail.isBlank()) {
                        tailRead = true;
                        Integer code = p.exitCode(deadline);
                        if (code != null && code == 0) {
                            line++;
                            return tail;
                        }
                    }
                    return null;
                }
                line++;
                if (!s.isBlank()) {
                    return s;
                }
            }
        }
    }
}
