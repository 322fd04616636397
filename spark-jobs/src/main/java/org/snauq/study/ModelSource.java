package org.snauq.study;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
     * How an inline ALS fit is set up ({@code train:} keys besides the data).
     *
     * @param rank       a fixed rank, or 0 for {@code auto}
     * @param degree     a fixed B-spline degree, or {@code AlsConfig.AUTO} for {@code auto} (the default)
     * @param knots      fixed atoms per input, or {@code AlsConfig.AUTO} for {@code auto} (the default)
     * @param validation the share of rows held out for validation, in (0, 1)
     * @param maxError   the largest validation error (relative RMSE) accepted, or infinity for no limit
     * @param init       a model file to start from (warm start, as {@code sna train --init}), or null
     */
    record Fit(int rank, int degree, int knots, double validation, double maxError, Path init) {

        /** The default held-out share (AlsConfig's). */
        public static final double VALIDATION = 0.2;

        public Fit {
            if (!(validation > 0 && validation < 1) || !(maxError > 0)) {
                throw new IllegalArgumentException("validation must lie in (0, 1) and max-error be > 0, got "
                        + validation + " and " + maxError);
            }
        }

        /** Rank, degree and knots auto, the default validation share, no error limit, a cold start. */
        public static Fit auto() {
            return new Fit(0, org.snauq.als.AlsConfig.AUTO, org.snauq.als.AlsConfig.AUTO, VALIDATION,
                    Double.POSITIVE_INFINITY, null);
        }
    }

    /**
     * An SNA trained by ALS on a data file before propagation:
     * {@code model: {train: {data: d.parquet, response: y, rank: auto, degree: 3, knots: 24}}}; several responses
     * give a model with several outputs.
     *
     * @param responses the columns to model, one output each
     */
    record Train(Path data, List<String> responses, Fit fit) implements ModelSource {
        public Train {
            Objects.requireNonNull(data, "data");
            responses = List.copyOf(responses);
            Objects.requireNonNull(fit, "fit");
        }

        @Override
        public String key() {
            return "train";
        }
    }

    /**
     * An SNA trained on runs of a simulator, then propagated: {@code model: {train: {simulator: {command: ...},
     * design: lhs, n: 500, validation: 0.2, max-error: 0.01}}}. The design draws the study's inputs.
     *
     * @param simulator an external model ({@link Command}, {@link Java}, ...)
     * @param design    the training design: design, runs and seed
     * @param responses the simulator outputs to model, or empty for all of them
     */
    record Simulate(ModelSource simulator, Sampling design, List<String> responses, Fit fit) implements ModelSource {
        public Simulate {
            Objects.requireNonNull(simulator, "simulator");
            Objects.requireNonNull(design, "design");
            responses = List.copyOf(responses);
            Objects.requireNonNull(fit, "fit");
        }

        @Override
        public String key() {
            return "train";
        }
    }

    /**
     * An external program fed blocks of points over a line protocol (docs/SIMULATORS.md):
     * {@code model: {command: {run: [./sim, --fast], outputs: [y], format: csv, timeout: 60}}}.
     *
     * @param command  the program (an absolute path, or a name looked up on the PATH), then its arguments
     * @param files    files copied into each task's working folder (absolute paths)
     * @param format   the line protocol, {@code csv} or {@code jsonl}
     * @param worker   one process per task fed call after call, instead of one process per call
     * @param external outputs, timeout, retries and batch
     */
    record Command(List<String> command, List<Path> files, String format, boolean worker, ExternalSpec external)
            implements ModelSource {
        public Command {
            command = List.copyOf(command);
            if (command.isEmpty()) {
                throw new IllegalArgumentException("a command needs a program");
            }
            files = List.copyOf(files);
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(external, "external");
        }

        @Override
        public String key() {
            return "command";
        }
    }

    /**
     * A user's class implementing {@code org.snauq.simulator.Simulator}:
     * {@code model: {java: {class: com.example.MyModel, jar: lib/my-model.jar}}}.
     *
     * @param className the class's binary name
     * @param jar       the jar holding it, or null when it is on the class path (e.g. given to spark-submit)
     */
    record Java(String className, Path jar) implements ModelSource {
        public Java {
            Objects.requireNonNull(className, "className");
        }

        @Override
        public String key() {
            return "java";
        }
    }

    /** A model served over UM-Bridge: {@code model: {umbridge: {url: ..., name: ...}}} (docs/UMBRIDGE.md). */
    record UmBridge(UmBridgeSpec spec) implements ModelSource {
        @Override
        public String key() {
            return UmBridgeSpec.KEY;
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
