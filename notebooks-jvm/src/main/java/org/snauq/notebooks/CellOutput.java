package org.snauq.notebooks;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.snauq.notebooks.kernel.Output;

/**
 * What one code cell produced, in order.
 *
 * @param cell the cell's number, 1-based, counting every cell as Jupyter shows them
 */
public record CellOutput(int cell, List<Output> outputs) {

    public CellOutput {
        outputs = List.copyOf(outputs);
    }

    /** Everything the cell printed to {@code System.out}. */
    public String stdout() {
        return stream("stdout");
    }

    /** Everything the cell printed to {@code System.err}. */
    public String stderr() {
        return stream("stderr");
    }

    /** The {@code text/plain} of the cell's value ({@code Out[n]}), or null when it has none. */
    public String result() {
        return outputs.stream().filter(o -> o instanceof Output.ExecuteResult)
                .map(o -> ((Output.ExecuteResult) o).data().get("text/plain")).findFirst().orElse(null);
    }

    /** The MIME bundles the cell displayed, in order. */
    public List<Map<String, String>> displays() {
        return outputs.stream().filter(o -> o instanceof Output.DisplayData)
                .map(o -> ((Output.DisplayData) o).data()).toList();
    }

    /** How many images (displayed, or the cell's value) the cell shows. */
    public long figures() {
        return outputs.stream().filter(o -> o instanceof Output.DisplayData d && d.data().containsKey("image/png")
                || o instanceof Output.ExecuteResult r && r.data().containsKey("image/png")).count();
    }

    private String stream(String name) {
        return outputs.stream().filter(o -> o instanceof Output.Stream s && s.name().equals(name))
                .map(o -> ((Output.Stream) o).text()).collect(Collectors.joining());
    }
}
