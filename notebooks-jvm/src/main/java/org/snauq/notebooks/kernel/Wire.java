package org.snauq.notebooks.kernel;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The runner's conversation with its kernel process over a loopback socket, one frame per message: a tag byte, then
 * length-prefixed UTF-8 strings. The runner sends {@link #EXECUTE} with a cell's source, or {@link #SHUTDOWN}; the
 * kernel answers each cell with its outputs in order ({@link #STREAM}, {@link #DISPLAY}, {@link #RESULT}), then
 * {@link #ERROR} if the cell failed, then {@link #DONE}.
 */
public final class Wire {

    public static final byte EXECUTE = 'X';
    public static final byte SHUTDOWN = 'Q';
    public static final byte STREAM = 'S';
    public static final byte DISPLAY = 'D';
    public static final byte RESULT = 'R';
    /** Followed by a one-line message and the traceback. */
    public static final byte ERROR = 'E';
    public static final byte DONE = 'K';

    private Wire() {
    }

    public static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    public static String readString(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static void writeOutput(DataOutputStream out, Output output) throws IOException {
        if (output instanceof Output.Stream s) {
            out.writeByte(STREAM);
            writeString(out, s.name());
            writeString(out, s.text());
        } else if (output instanceof Output.DisplayData d) {
            writeBundle(out, DISPLAY, d.data());
        } else {
            writeBundle(out, RESULT, ((Output.ExecuteResult) output).data());
        }
    }

    /** Reads the output whose tag has just been read. */
    public static Output readOutput(DataInputStream in, byte tag) throws IOException {
        return switch (tag) {
            case STREAM -> new Output.Stream(readString(in), readString(in));
            case DISPLAY -> new Output.DisplayData(readBundle(in));
            case RESULT -> new Output.ExecuteResult(readBundle(in));
            default -> throw new IOException("kernel protocol: unexpected tag " + (char) tag);
        };
    }

    private static void writeBundle(DataOutputStream out, byte tag, Map<String, String> data) throws IOException {
        out.writeByte(tag);
        out.writeInt(data.size());
        for (Map.Entry<String, String> e : new TreeMap<>(data).entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
    }

    private static Map<String, String> readBundle(DataInputStream in) throws IOException {
        Map<String, String> data = new TreeMap<>();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            data.put(readString(in), readString(in));
        }
        return data;
    }
}
