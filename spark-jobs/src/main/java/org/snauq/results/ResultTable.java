package org.snauq.results;

import static org.snauq.results.Column.count;
import static org.snauq.results.Column.integer;
import static org.snauq.results.Column.real;
import static org.snauq.results.Column.string;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.snauq.study.Limits;

/**
 * Every table a run writes: its folder name under the output, its grain (what one row is) and its columns
 * (docs/FORMATS.md is the prose of this enum). On disk each table also starts with the two {@link #KEYS},
 * {@code study} and {@code run_id}; rows in memory ({@link TableRows}) hold only the table's own columns.
 *
 * <p>Three tables have columns that depend on the study ({@link #SAMPLES}, {@link #FAILURES}, {@link #DESIGNS}):
 * their schemas come from {@link #samplesColumns}, {@link #failuresColumns} and {@link #designsColumns}.
 */
public enum ResultTable {

    SUMMARY("summary", "one row per output and method", TableSchema.of(string("output"), string("method"),
            count("n"), real("mean"), real("variance"), real("std"), real("skewness"), real("excess_kurtosis"),
            real("min"), real("max"), real("mean_ci_low"), real("mean_ci_high"))),
    QUANTILES("quantiles", "one row per output, method and probability", TableSchema.of(string("output"),
            string("method"), real("probability"), real("value"), real("ci_low"), real("ci_high"),
            real("rank_error"))),
    SOBOL("sobol", "one row per output, input and method", TableSchema.of(string("output"), string("input"),
            string("method"), real("s1"), real("s1_ci_low"), real("s1_ci_high"), real("st"), real("st_ci_low"),
            real("st_ci_high"))),
    HISTOGRAM("histogram", "one row per output and bin", TableSchema.of(string("output"), integer("bin"),
            real("lower"), real("upper"), count("count"))),
    EXCEEDANCE("exceedance", "one row per output and threshold", TableSchema.of(string("output"),
            real("threshold"), real("probability"), real("ci_low"), real("ci_high"))),
    CONVERGENCE_MOMENTS("convergence_moments", "one row per output and sample size n", TableSchema.of(
            string("output"), count("n"), real("mean"), real("mean_ci_low"), real("mean_ci_high"))),
    CONVERGENCE_SOBOL("convergence_sobol", "one row per output, input and sample size n", TableSchema.of(
            string("output"), string("input"), count("n"), real("s1"), real("st"))),
    SAMPLES("samples", "one row per sample", null),
    FAILURES("failures", "one row per failed sample and output", null),
    DESIGNS("designs", "one row per design of a sweep", null),
    RUNS("runs", "one row per complete run (the catalogue and commit record)", TableSchema.of(string("created"),
            string("status"), string("kind"), string("model"), string("model_hash"), string("study_hash"),
            string("outputs"), string("design"), count("seed"), count("n"), count("evaluations"),
            count("failures"), string("sna_uq_version"), string("spark_version"), string("java_version"),
            string("spark_master"), count("wall_ms")));

    /** The first two columns of every table file: the study's name and the run's ID. */
    public static final TableSchema KEYS = TableSchema.of(string("study"), string("run_id"));

    /** The tables every sampling run writes, with or without rows, in writing order. */
    public static final List<ResultTable> SAMPLING_RUN = List.of(SUMMARY, QUANTILES, SOBOL, HISTOGRAM, EXCEEDANCE,
            CONVERGENCE_MOMENTS, CONVERGENCE_SOBOL);

    /** Names an input or output may not take: they are columns of the tables that hold inputs and outputs. */
    public static final Set<String> RESERVED_NAMES = Set.copyOf(Limits.RESERVED_NAMES); // checked by the parser

    /** Suffixes of a sweep's per-QoI columns in {@link #DESIGNS}, in order (quantiles 0.05, 0.5, 0.95). */
    public static final List<String> DESIGN_STATISTICS = List.of("mean", "std", "p05", "p50", "p95");

    private final String folder;
    private final String grain;
    private final TableSchema columns;

    ResultTable(String folder, String grain, TableSchema columns) {
        this.folder = folder;
        this.grain = grain;
        this.columns = columns;
    }

    /** The table's name: its folder under the output and its name in SQL. */
    public String tableName() {
        return folder;
    }

    /** What one row is. */
    public String grain() {
        return grain;
    }

    /** Whether the columns are the same for every study. */
    public boolean fixed() {
        return columns != null;
    }

    /**
     * The table's own columns (without {@link #KEYS}).
     *
     * @throws IllegalStateException for the three tables whose columns depend on the study
     */
    public TableSchema columns() {
        if (columns == null) {
            throw new IllegalStateException("table " + folder + " has study-specific columns");
        }
        return columns;
    }

    /** The table named {@code name}, or null. */
    public static ResultTable named(String name) {
        for (ResultTable t : values()) {
            if (t.folder.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** {@link #SAMPLES}: sample_index, one column per input, one per output. */
    public static TableSchema samplesColumns(List<String> inputs, List<String> outputs) {
        List<Column> c = new ArrayList<>();
        c.add(count("sample_index"));
        inputs.forEach(n -> c.add(real(n)));
        outputs.forEach(n -> c.add(real(n)));
        return new TableSchema(c);
    }

    /** {@link #FAILURES}: sample_index, one column per input, the output that failed and the reason. */
    public static TableSchema failuresColumns(List<String> inputs) {
        List<Column> c = new ArrayList<>();
        c.add(count("sample_index"));
        inputs.forEach(n -> c.add(real(n)));
        c.add(string("output"));
        c.add(string("reason"));
        return new TableSchema(c);
    }

    /**
     * {@link #DESIGNS}: design, one column per design input, per QoI {@code <q>_mean}, {@code <q>_std},
     * {@code <q>_p05}, {@code <q>_p50}, {@code <q>_p95}, then n, p_window with its interval and the rank.
     */
    public static TableSchema designsColumns(List<String> designInputs, List<String> qois) {
        List<Column> c = new ArrayList<>();
        c.add(count("design"));
        designInputs.forEach(n -> c.add(real(n)));
        for (String q : qois) {
            DESIGN_STATISTICS.forEach(s -> c.add(real(q + "_" + s)));
        }
        c.add(count("n"));
        c.add(real("p_window"));
        c.add(real("p_window_ci_low"));
        c.add(real("p_window_ci_high"));
        c.add(count("rank"));
        return new TableSchema(c);
    }
}
