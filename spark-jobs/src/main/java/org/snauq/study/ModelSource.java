package org.snauq.study;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a study's model comes from: exactly one of the keys of the {@code model} block.
 */
public sealed interface ModelSource {

    /** The study key that chose this source ({@code function}, {@code expression}, ...). */
    String key();

    /** A benchmark function from {@code org.snauq.datasets}: {@code model: {function: ishigami}}. */
    record Function(String name) implements ModelSource {
        public Function {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String key() {
            return "function";
        }
    }

    /**
     * Formulas in the input names, evaluated by exp4j, one per output: {@code model: {expression: "x1 + x2^2"}}
     * (one output named {@link #DEFAULT_OUTPUT}) or {@code model: {expression: {y1: "x1 + x2", y2: "x1 * x2"}}}.
     *
     * @param formulas output name to formula, in output order
     */
    record Expression(Map<String, String> formulas) implements ModelSource {

        /** The output name of a single formula. */
        public static final String DEFAULT_OUTPUT = "y";

        public Expression {
            formulas = Collections.unmodifiableMap(new LinkedHashMap<>(formulas));
            if (formulas.isEmpty()) {
                throw new IllegalArgumentException("an expression model needs at least one formula");
            }
        }

        /** One formula, output {@link #DEFAULT_OUTPUT}. */
        public Expression(String formula) {
            this(Map.of(DEFAULT_OUTPUT, Objects.requireNonNull(formula, "formula")));
        }

        @Override
        public String key() {
            return "expression";
        }
    }

    /** A model file: {@code model: {sna: models/lpbf.sna}}. */
    record SnaFile(Path path) implements ModelSource {
        public SnaFile {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String key() {
            return "sna";
        }
    }

    /**
     * An SNA trained by ALS before propagation:
     * {@code model: {train: {data: d.parquet, response: y, rank: auto, degree: 3, knots: 24}}}.
     *
     * @param rank a fixed rank, or 0 for {@code auto}
     * @param degree a fixed B-spline degree, or {@code AlsConfig.AUTO} for {@code auto} (the default)
     * @param knots fixed atoms per input, or {@code AlsConfig.AUTO} for {@code auto} (the default)
     */
    record Train(Path data, String response, int rank, int degree, int knots) implements ModelSource {
        public Train {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(response, "response");
        }

        @Override
        public String key() {
            return "train";
        }
    }

    /** An SNA built from a PDE problem by VSNA: {@code model: {solve: conf/problems/heat.yaml}}. */
    record Solve(Path problem) implements ModelSource {
        public Solve {
            Objects.requireNonNull(problem, "problem");
        }

        @Override
        public String key() {
            return "solve";
        }
    }
}
