package org.snauq.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One running external program and its three pipes, each served by a daemon thread so that no pipe can block the
 * caller: stdin is written from a queue of text, stdout is cut into lines and queued, stderr is drained into a tail
 * kept for failure reasons. The caller reads answer lines with a deadline and kills the program (with its child
 * processes: a shell script's own children hold the pipes too) when the deadline passes.
 *
 * <p>Lines are UTF-8, ended by LF (a CR before it is dropped), at most {@link #MAX_LINE} characters; a longer line
 * ends the output with {@link #overlong()} set. A last line without LF is kept apart ({@link #unterminated()}): it is
 * an answer only if the program then exits normally. Not thread safe: one caller.
 */
final class ProgramProcess implements AutoCloseable {

    /** Longest answer line: far beyond any row of numbers, small enough to refuse a runaway output. */
    static final int MAX_LINE = 1 << 20;
    /** Characters of stderr kept for the failure reason. */
    static final int STDERR_TAIL = 4096;
    /** Marks the end of stdout in the line queue. */
    private static final String EOF = new String("<eof>");
    /** Marks the end of stdin in the writer's queue. */
    private static final String END = new String("<end>");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> input = new LinkedBlockingQueue<>();
    private final StringBuilder stderr = new StringBuilder();
    private volatile String unterminated;
    private volatile boolean overlong;
    private volatile IOException writeFailure;
    private boolean ended;

    private ProgramProcess(Process process) {
        this.process = process;
        daemon(this::pumpOut, "stdout").start();
        daemon(this::pumpErr, "stderr").start();
        daemon(this::pumpIn, "stdin").start();
    }

    /**
     * Starts {@code command} in {@code dir}.
     *
     * @throws IOException when the program cannot be started (missing, not executable)
     */
    static ProgramProcess start(List<String> command, Path dir) throws IOException {
        ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile());
        return new ProgramProcess(b.start());
    }

    private Thread daemon(Runnable r, String pipe) {
        Thread t = new Thread(r, "sna-command-" + pipe + "-" + process.pid());
        t.setDaemon(true);
        return t;
    }

    /** Queues {@code text} for the program's stdin; returns at once. */
    void send(String text) {
        input.add(text);
    }

    /** Closes stdin once the queued text is written (the program then sees end of input). */
    void endInput() {
        if (!ended) {
            ended = true;
            input.add(END);
        }
    }

    /**
     * The next line of stdout, waiting until {@code deadline} ({@link System#nanoTime()} scale, or
     * {@link Long#MAX_VALUE}); null at the end of stdout.
     *
     * @throws InterruptedException  when the thread is interrupted
     * @throws java.util.concurrent.TimeoutException when the deadline passes first
     */
    String nextLine(long deadline) throws InterruptedException, java.util.concurrent.TimeoutException {
        String line;
        if (deadline == Long.MAX_VALUE) {
            line = lines.take();
        } else {
            line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new java.util.concurrent.TimeoutException();
            }
        }
        if (line == EOF) {
            lines.add(EOF); // stays at the end for later calls
            return null;
        }
        return line;
    }

    /** The program's exit code once it has ended, waiting until {@code deadline}; null if it is still running. */
    Integer exitCode(long deadline) throws InterruptedException {
        long wait = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadline - System.nanoTime());
        return process.waitFor(wait, TimeUnit.NANOSECONDS) ? process.exitValue() : null;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Text after the last LF of stdout, once stdout has ended, or null. */
    String unterminated() {
        return unterminated;
    }

    /** True when stdout had a line longer than {@link #MAX_LINE} (its reading stopped there). */
    boolean overlong() {
        return overlong;
    }

    /** Why writing stdin stopped early (the program closed it, typically by exiting), or null. */
    IOException writeFailure() {
        return writeFailure;
    }

    /** The last non-blank line the program wrote to stderr, or null. */
    String lastErrorLine() {
        String tail;
        synchronized (stderr) {
            tail = stderr.toString();
        }
        String[] parts = tail.split("\r?\n");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].isBlank()) {
                return parts[i].strip();
            }
        }
        return null;
    }

    /** Kills the program and every process it started, at once. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Ends stdin, gives the program {@code graceMillis} to exit, then kills it. */
    void finish(long graceMillis) {
        endInput();
        try {
            if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    private void pumpIn() {
        try (OutputStream out = process.getOutputStream()) {
            while (true) {
                String text = input.take();
                if (text == END) {
                    return;
                }
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            writeFailure = e; // the program closed stdin (it exited, or reads no more): its answers tell the rest
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pumpOut() {
        try (Reader in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            char[] buf = new char[8192];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                for (int i = 0; i < n; i++) {
                    char c = buf[i];
                    if (c == '\n') {
                        int end = line.length();
                        if (end > 0 && line.charAt(end - 1) == '\r') {
                            line.setLength(end - 1);
                        }
                        lines.add(line.toString());
                        line.setLength(0);
                    } else if (line.length() >= MAX_LINE) {
                        overlong = true;
                        return;
                    } else {
                        line.append(c);
                    }
                }
            }
            if (line.length() > 0) {
                unterminated = line.toString();
            }
        } catch (IOException e) {
            // the program was killed: what it wrote before is queued
        } finally {
            lines.add(EOF);
        }
    }

    private void pumpErr() {
        try (InputStream in = process.getErrorStream()) {
            byte[] buf = new byte[4096];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                synchronized (stderr) {
                    stderr.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    if (stderr.length() > 2 * STDERR_TAIL) {
                        stderr.delete(0, stderr.length() - STDERR_TAIL);
                    }
                }
            }
        } catch (IOException e) {
            // killed: the tail read so far is kept
        }
    }
}
