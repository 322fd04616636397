package org.snauq.notebooks.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The outputs of the cell being run, in the order they happen, as a Jupyter front end collects them: text written
 * to {@link #out} or {@link #err} (installed as {@code System.out} and {@code System.err}, as the kernels do)
 * becomes stream outputs, consecutive text of one stream merged into one; displays come between them.
 *
 * <p>Thread-safe: Spark's threads may print while a cell runs; what they print between cells goes to the next.
 */
final class CellCapture {

    final PrintStream out = new PrintStream(new StreamSink("stdout"), true, StandardCharsets.UTF_8);
    final PrintStream err = new PrintStream(new StreamSink("stderr"), true, StandardCharsets.UTF_8);

    private final List<Output> outputs = new ArrayList<>();
    /** Bytes of the stream written last, decoded only when another output follows (a character may be split). */
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private String pendingName;

    synchronized void display(Output output) {
        flushPending();
        outputs.add(output);
    }

    /** The outputs so far, and a fresh start for the next cell. */
    synchronized List<Output> take() {
        out.flush();
        err.flush();
        flushPending();
        List<Output> taken = List.copyOf(outputs);
        outputs.clear();
        return taken;
    }

    private synchronized void write(String name, byte[] b, int off, int len) {
        if (!name.equals(pendingName)) {
            flushPending();
            pendingName = name;
        }
        pending.write(b, off, len);
    }

    private void flushPending() {
        if (pending.size() == 0) {
            return;
        }
        String text = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        int last = outputs.size() - 1;
        if (last >= 0 && outputs.get(last) instanceof Output.Stream s && s.name().equals(pendingName)) {
            outputs.set(last, new Output.Stream(pendingName, s.text() + text));
        } else {
            outputs.add(new Output.Stream(pendingName, text));
        }
    }

    private final class StreamSink extends OutputStream {
        private final String name;

        StreamSink(String name) {
            this.name = name;
        }

        @Override
        public void write(int b) {
            CellCapture.this.write(name, new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            CellCapture.this.write(name, b, off, len);
        }
    }
}
