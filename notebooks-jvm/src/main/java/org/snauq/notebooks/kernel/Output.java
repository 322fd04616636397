package org.snauq.notebooks.kernel;

import java.util.Map;

/** One output of a code cell, as Jupyter stores it (nbformat 4): a stream chunk, displayed data or the result. */
public sealed interface Output {

    /** Text the cell wrote to {@code System.out} ({@code name = "stdout"}) or {@code System.err} ("stderr"). */
    record Stream(String name, String text) implements Output {
    }

    /** A MIME bundle from {@code display(...)}. */
    record DisplayData(Map<String, String> data) implements Output {
        public DisplayData {
            data = Map.copyOf(data);
        }
    }

    /** The MIME bundle of the value of the cell's last expression ({@code Out[n]}). */
    record ExecuteResult(Map<String, String> data) implements Output {
        public ExecuteResult {
            data = Map.copyOf(data);
        }
    }
}
