package org.snauq.notebooks.kernel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel process the notebook runner starts for each notebook, in the notebook's folder, like Jupyter starts a
 * Java kernel: a fresh JVM whose {@code System.out} and {@code System.err} become the cells' stream outputs, and a
 * jshell ({@link Evaluator}) whose classpath holds only what the notebook's magics add. It takes cells from the
 * runner over a loopback socket ({@link Wire}) and answers each with its outputs.
 *
 * <p>Usage: {@code java [JVM options] -cp RUNNER_CLASSES org.snauq.notebooks.kernel.JavaKernel PORT}.
 */
public final class JavaKernel {

    private JavaKernel() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream console = System.err; // the kernel's own errors, outside any cell
        CellCapture capture = new CellCapture();
        System.setOut(capture.out);
        System.setErr(capture.err);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
             DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()))) {
            Evaluator evaluator;
            try {
                evaluator = new Evaluator(Path.of("").toAbsolutePath(), capture);
                capture.take(); // the start-up prints nothing a notebook should show
            } catch (Evaluator.CellFailure e) {
                console.println("notebook kernel: start-up failed: " + e.getMessage());
                System.exit(1);
                return;
            }
            while (in.readByte() == Wire.EXECUTE) {
                String cell = Wire.readString(in);
                Evaluator.CellFailure failure = null;
                try {
                    Object value = evaluator.evaluate(cell);
                    if (value != null) {
                        capture.display(new Output.ExecuteResult(Renderer.render(value)));
                    }
                } catch (Evaluator.CellFailure e) {
                    failure = e;
                } catch (RuntimeException e) { // a value the runner cannot render
                    failure = new Evaluator.CellFailure(e.toString(), List.of());
                }
                for (Output o : capture.take()) {
                    Wire.writeOutput(out, o);
                }
                if (failure != null) {
                    out.writeByte(Wire.ERROR);
                    Wire.writeString(out, failure.getMessage());
                    Wire.writeString(out, String.join("\n", failure.traceback));
                }
                out.writeByte(Wire.DONE);
                out.flush();
            }
            evaluator.close();
        }
        // Spark and other libraries leave non-daemon threads behind; a kernel that is shut down just ends
        System.exit(0);
    }
}
