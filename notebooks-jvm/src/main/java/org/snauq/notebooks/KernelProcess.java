package org.snauq.notebooks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.snauq.notebooks.kernel.JavaKernel;
import org.snauq.notebooks.kernel.Output;
import org.snauq.notebooks.kernel.Wire;

/**
 * A {@link JavaKernel} in its own JVM, started in a notebook's folder with the given JVM options and no classpath
 * but the kernel's own classes (which the notebook cannot see). What the JVM itself prints (not the cells) goes to
 * a log file, quoted when the kernel dies.
 */
final class KernelProcess implements AutoCloseable {

    /** How long the kernel may take to start and connect: a JVM start, on a loaded machine. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

    /** One cell's answer: its outputs, and the failure (message, traceback) when it failed. */
    record Answer(List<Output> outputs, String failure, String traceback) {
    }

    private final Process process;
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final Path log;

    private KernelProcess(Process process, Socket socket, Path log) throws IOException {
        this.process = process;
        this.socket = socket;
        this.log = log;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    }

    /**
     * Starts a kernel in {@code workingFolder}.
     *
     * @param cellTimeout the longest a cell may run before the kernel is given up
     */
    static KernelProcess start(Path workingFolder, List<String> jvmOptions, Duration cellTimeout) throws IOException {
        Path log = Files.createTempFile("notebook-kernel", ".log");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", kernelClasspath(), JavaKernel.class.getName(),
                    String.valueOf(server.getLocalPort())));
            Process process = new ProcessBuilder(command).directory(workingFolder.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            server.setSoTimeout((int) CONNECT_TIMEOUT.toMillis());
            Socket socket;
            try {
                socket = server.accept();
            } catch (SocketTimeoutException e) {
                process.destroyForcibly();
                throw new IOException("the notebook kernel did not start within " + CONNECT_TIMEOUT.toSeconds()
                        + " s: " + Files.readString(log).strip());
            }
            socket.setSoTimeout((int) cellTimeout.toMillis());
            return new KernelProcess(process, socket, log);
        }
    }

    /** Runs one cell and waits for its answer. */
    Answer execute(String source) throws IOException {
        out.writeByte(Wire.EXECUTE);
        Wire.writeString(out, source);
        out.flush();
        List<Output> outputs = new ArrayList<>();
        String failure = null;
        String traceback = null;
        try {
            for (byte tag = in.readByte(); tag != Wire.DONE; tag = in.readByte()) {
                if (tag == Wire.ERROR) {
                    failure = Wire.readString(in);
                    traceback = Wire.readString(in);
                } else {
                    outputs.add(Wire.readOutput(in, tag));
                }
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("the cell did not finish within " + socket.getSoTimeout() / 1000 + " s");
        } catch (EOFException | SocketException e) {
            throw new IOException("the kernel died (exit code " + exitCode() + "): " + Files.readString(log).strip());
        }
        return new Answer(outputs, failure, traceback);
    }

    private String exitCode() {
        try {
            return process.waitFor(10, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "none yet";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** The folder or jar holding the kernel's classes (not the runner's dependencies). */
    private static String kernelClasspath() {
        try {
            return Path.of(JavaKernel.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the kernel's classes", e);
        }
    }

    /** Asks the kernel to end, and ends it if it does not within a few seconds. */
    @Override
    public void close() throws IOException {
        try {
            if (process.isAlive()) {
                out.writeByte(Wire.SHUTDOWN);
                out.flush();
            }
        } catch (IOException e) {
            // already gone
        } finally {
            socket.close();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            Files.deleteIfExists(log);
        }
    }
}
