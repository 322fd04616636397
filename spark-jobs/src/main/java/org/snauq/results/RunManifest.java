package org.snauq.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A run's {@code manifest.json}: what was run, how, with what and how long it took. This class owns the keys:
 * the manifest is written and read only through it (docs/FORMATS.md lists them). Immutable; made by
 * {@link Builder}, read back by {@link #parse}. Unknown keys read back are kept (a newer writer's), and the whole
 * document is available to the report as {@link #json()}.
 *
 * <p>The run's row in the {@code runs} catalogue is derived from it ({@link #catalogueRow}), so the catalogue
 * and the manifest cannot disagree.
 */
public final class RunManifest {

    /** The file name, under {@code <output>/_runs/run_id=<ID>/}. */
    public static final String FILE = "manifest.json";
    /** Raised when a key changes meaning; readers accept this version and older. */
    public static final int FORMAT_VERSION = 1;

    /** What kind of run wrote the manifest. */
    public enum Kind {
        /** Propagation of the inputs through the model: {@link ResultTable#SAMPLING_RUN}. */
        SAMPLING("sampling"),
        /** A design sweep: {@code summary} and {@code designs}. */
        SWEEP("sweep"),
        /** Data written by {@code sna generate} (the manifest inside the dataset). */
        DATA("data");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        static Kind of(String key) {
            for (Kind k : values()) {
                if (k.key.equals(key)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** Catalogue status of a run whose every sample was used. */
    public static final String COMPLETE = "complete";
    /** Catalogue status of a run that left failed samples out ({@code on-failure: skip}). */
    public static final String COMPLETE_WITH_FAILURES = "complete-with-failures";

    // the keys, in writing order
    static final String FORMAT = "format_version";
    static final String RUN_ID = "run_id";
    static final String STUDY_NAME = "study_name";
    static final String KIND = "kind";
    static final String CREATED = "created";
    static final String STUDY_FILE = "study_file";
    static final String STUDY = "study";
    static final String STUDY_HASH = "study_hash";
    static final String MODEL = "model";
    static final String MODEL_DESCRIPTION = "description";
    static final String MODEL_OUTPUTS = "outputs";
    static final String MODEL_HASH = "hash";
    static final String DESIGN = "design";
    static final String SEED = "seed";
    static final String SAMPLE_COUNT = "sample_count";
    static final String EVALUATIONS = "evaluations";
    static final String REPLICATES = "replicates";
    static final String BLOCK_SIZE = "block_size";
    static final String BLOCKS = "blocks";
    static final String PARTITIONS = "partitions";
    static final String DOMAIN_POLICY = "domain_policy";
    static final String OUTSIDE_DOMAIN = "samples_outside_domain";
    static final String ON_FAILURE = "on_failure";
    static final String FAILURES = "failed_samples";
    static final String DESIGNS = "designs";
    static final String SAMPLES_PER_DESIGN = "samples_per_design";
    static final String BEST_DESIGN = "best_design";
    static final String ROW_COUNTS = "row_counts";
    static final String VERSIONS = "versions";
    static final String VERSION_SNA_UQ = "sna_uq";
    static final String VERSION_SPARK = "spark";
    static final String VERSION_JAVA = "java";
    static final String SPARK_MASTER = "spark_master";
    static final String TIMINGS = "timings_ms";
    static final String CPU = "cpu_ms";
    static final String TOTAL = "total";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode json;

    private RunManifest(ObjectNode json) {
        this.json = json;
    }

    /** A new manifest of run {@code runId} of study {@code study}, created at {@code created}. */
    public static Builder builder(String study, String runId, Kind kind, Instant created) {
        return new Builder(study, runId, kind, created);
    }

    /**
     * Reads a manifest.
     *
     * @param source the file, for messages
     * @throws OutputException when the text is not a manifest of this format version or older
     */
    public static RunManifest parse(byte[] text, String source) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new OutputException(source + ": not valid JSON: " + firstLine(e.getMessage()), e);
        }
        if (!(node instanceof ObjectNode o)) {
            throw new OutputException(source + ": a manifest is a JSON object, got " + (node == null ? "nothing"
                    : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        RunManifest m = new RunManifest(o);
        int version = o.path(FORMAT).asInt(-1);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new OutputException(source + ": " + FORMAT + " must be 1.." + FORMAT_VERSION + ", got "
                    + o.get(FORMAT));
        }
        for (String key : List.of(RUN_ID, STUDY_NAME, KIND, CREATED)) {
            if (!o.path(key).isTextual() || o.get(key).asText().isEmpty()) {
                throw new OutputException(source + ": " + key + " is missing or not text");
            }
        }
        if (Kind.of(m.text(KIND)) == null) {
            throw new OutputException(source + ": kind must be sampling, sweep or data, got '" + m.text(KIND) + "'");
        }
        try {
            Instant.parse(m.text(CREATED));
        } catch (DateTimeParseException e) {
            throw new OutputException(source + ": created must be an ISO-8601 instant, got '" + m.text(CREATED) + "'");
        }
        return m;
    }

    /** The manifest as indented JSON text. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest of plain values always serialises", e);
        }
    }

    /** A copy of the whole document (the report shows it). */
    public JsonNode json() {
        return json.deepCopy();
    }

    public String runId() {
        return text(RUN_ID);
    }

    public String study() {
        return text(STUDY_NAME);
    }

    public Kind kind() {
        return Kind.of(text(KIND));
    }

    public Instant created() {
        return Instant.parse(text(CREATED));
    }

    /** SHA-256 (hex) of the study as parsed, or null. */
    public String studyHash() {
        return textOrNull(json.get(STUDY_HASH));
    }

    public String modelDescription() {
        return textOrNull(json.path(MODEL).get(MODEL_DESCRIPTION));
    }

    /** SHA-256 (hex) of what defines the model, or null. */
    public String modelHash() {
        return textOrNull(json.path(MODEL).get(MODEL_HASH));
    }

    /** The model's outputs, in order. */
    public List<String> outputs() {
        List<String> out = new ArrayList<>();
        json.path(MODEL).path(MODEL_OUTPUTS).forEach(n -> out.add(n.asText()));
        return out;
    }

    public String design() {
        return textOrNull(json.get(DESIGN));
    }

    /** The seed, or null. */
    public Long seed() {
        return longOrNull(json.get(SEED));
    }

    /** Samples drawn (for a sweep: designs x samples per design), or null. */
    public Long sampleCount() {
        return longOrNull(json.get(SAMPLE_COUNT));
    }

    /** Model evaluations, or null. */
    public Long evaluations() {
        return longOrNull(json.get(EVALUATIONS));
    }

    /** Samples left out of every statistic because the model failed on them (0 unless on-failure: skip). */
    public long failedSamples() {
        return json.path(FAILURES).asLong(0);
    }

    public String sparkMaster() {
        return textOrNull(json.get(SPARK_MASTER));
    }

    /** Version of component {@code key} ({@code sna_uq}, {@code spark}, {@code java}), or null. */
    public String version(String key) {
        return textOrNull(json.path(VERSIONS).get(key));
    }

    /** Wall milliseconds from the command's start to the tables and manifest, or null. */
    public Long wallMs() {
        return longOrNull(json.path(TIMINGS).get(TOTAL));
    }

    /** Rows written per table name. */
    public Map<String, Long> rowCounts() {
        Map<String, Long> m = new LinkedHashMap<>();
        json.path(ROW_COUNTS).fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
        return m;
    }

    /** {@link #COMPLETE}, or {@link #COMPLETE_WITH_FAILURES} when samples were left out. */
    public String status() {
        return failedSamples() > 0 ? COMPLETE_WITH_FAILURES : COMPLETE;
    }

    /** The run's row of the {@code runs} catalogue, in {@link ResultTable#RUNS}' column order. */
    public Object[] catalogueRow() {
        return new Object[] {text(CREATED), status(), text(KIND), modelDescription(), modelHash(), studyHash(),
                String.join(",", outputs()), design(), seed(), sampleCount(), evaluations(), failedSamples(),
                version(VERSION_SNA_UQ), version(VERSION_SPARK), version(VERSION_JAVA), sparkMaster(), wallMs()};
    }

    private String text(String key) {
        return json.path(key).asText();
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
    }

    private static Long longOrNull(JsonNode n) {
        return n == null || !n.canConvertToLong() ? null : n.asLong();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunManifest m && m.toJson().equals(toJson()); // 42 read back is an int, written a long
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return "manifest of run " + runId() + " (" + study() + ")";
    }

    /** Fills a manifest key by key; every value is copied in. Not thread safe. */
    public static final class Builder {

        private final ObjectNode json = JSON.createObjectNode();

        private Builder(String study, String runId, Kind kind, Instant created) {
            json.put(FORMAT, FORMAT_VERSION);
            json.put(RUN_ID, Objects.requireNonNull(runId, "runId"));
            json.put(STUDY_NAME, Objects.requireNonNull(study, "study"));
            json.put(KIND, kind.key());
            json.put(CREATED, created.toString());
        }

        /** The study file as given, and the study as parsed (plain maps, lists and values). */
        public Builder study(String file, Map<String, Object> parsed) {
            json.put(STUDY_FILE, file);
            json.set(STUDY, JSON.valueToTree(parsed));
            json.put(STUDY_HASH, sha256(JSON.valueToTree(parsed)));
            return this;
        }

        /**
         * The model: what it is, its outputs, its content hash, and what obtaining it reported (free-form:
         * training errors, the fit's history under {@code convergence}, the model file).
         */
        public Builder model(String description, List<String> outputs, String hash, Map<String, Object> provenance) {
            ObjectNode m = JSON.createObjectNode();
            m.put(MODEL_DESCRIPTION, description);
            m.set(MODEL_OUTPUTS, JSON.valueToTree(outputs));
            m.put(MODEL_HASH, hash);
            provenance.forEach((k, v) -> {
                if (!m.has(k)) {
                    m.set(k, JSON.valueToTree(v));
                }
            });
            json.set(MODEL, m);
            return this;
        }

        /** The design, its seed, the samples drawn and the model evaluations they cost. */
        public Builder sampling(String design, long seed, long sampleCount, long evaluations) {
            json.put(DESIGN, design);
            json.put(SEED, seed);
            json.put(SAMPLE_COUNT, sampleCount);
            json.put(EVALUATIONS, evaluations);
            return this;
        }

        /** How the sample was cut: replicate groups, block size, blocks, Spark partitions. */
        public Builder blocks(int replicates, long blockSize, long blocks, int partitions) {
            json.put(REPLICATES, replicates);
            json.put(BLOCK_SIZE, blockSize);
            json.put(BLOCKS, blocks);
            json.put(PARTITIONS, partitions);
            return this;
        }

        /** The study's domain policy and, per input, the samples that fell outside the model's domain. */
        public Builder domain(String policy, Map<String, Long> outside) {
            json.put(DOMAIN_POLICY, policy);
            if (outside != null) {
                json.set(OUTSIDE_DOMAIN, JSON.valueToTree(outside));
            }
            return this;
        }

        /** The study's failure policy and the samples left out of every statistic because the model failed. */
        public Builder failures(String policy, long failed) {
            json.put(ON_FAILURE, policy);
            json.put(FAILURES, failed);
            return this;
        }

        /** A sweep: its size and its best design (design index, design inputs, p_window). */
        public Builder sweep(long designs, long samplesPerDesign, Map<String, Object> best) {
            json.put(DESIGNS, designs);
            json.put(SAMPLES_PER_DESIGN, samplesPerDesign);
            json.set(BEST_DESIGN, JSON.valueToTree(best));
            return this;
        }

        /** The number of Spark partitions (a sampling run gives it with {@link #blocks}). */
        public Builder partitions(int partitions) {
            json.put(PARTITIONS, partitions);
            return this;
        }

        /** Rows written per table. */
        public Builder rowCounts(Map<String, Long> counts) {
            json.set(ROW_COUNTS, JSON.valueToTree(counts));
            return this;
        }

        /** Versions of this program, Spark and Java, and the Spark master the run used. */
        public Builder environment(String snaUq, String spark, String java, String master) {
            ObjectNode v = JSON.createObjectNode();
            v.put(VERSION_SNA_UQ, snaUq);
            v.put(VERSION_SPARK, spark);
            v.put(VERSION_JAVA, java);
            json.set(VERSIONS, v);
            json.put(SPARK_MASTER, master);
            return this;
        }

        /** Wall and CPU milliseconds per phase, each with its {@code total}. */
        public Builder timings(Map<String, Long> wall, Map<String, Long> cpu) {
            json.set(TIMINGS, JSON.valueToTree(wall));
            if (cpu != null) {
                json.set(CPU, JSON.valueToTree(cpu));
            }
            return this;
        }

        public RunManifest build() {
            return new RunManifest(json.deepCopy());
        }
    }

    /** SHA-256 (hex) of a JSON value written with sorted keys, so equal documents hash alike. */
    static String sha256(JsonNode node) {
        try {
            ObjectMapper sorted = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
            byte[] canonical = sorted.writeValueAsBytes(sorted.treeToValue(node, Object.class));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
