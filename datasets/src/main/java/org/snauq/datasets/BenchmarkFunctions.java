package org.snauq.datasets;

import java.util.List;
import java.util.Locale;

/** The registry of named benchmark functions a study can refer to by {@code model: {function: NAME}}. */
public final class BenchmarkFunctions {

    private BenchmarkFunctions() {
    }

    /** Every registered function, in their standard form. */
    public static List<BenchmarkFunction> all() {
        return List.of(Ishigami.standard(), SobolG.standard(), new Borehole(), new Piston());
    }

    /** Registered names, for messages. */
    public static List<String> names() {
        return all().stream().map(BenchmarkFunction::name).toList();
    }

    /**
     * The function called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known functions when there is none
     */
    public static BenchmarkFunction byName(String name) {
        for (BenchmarkFunction f : all()) {
            if (f.name().equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown function '" + name + "'; known: " + String.join(", ", names()));
    }
}
