package org.snauq.results;

/**
 * The names of an output folder (docs/FORMATS.md, "Results layout"), in one place:
 *
 * <pre>
 * &lt;output&gt;/&lt;table&gt;/run_id=&lt;ID&gt;/part-00000.parquet   every result table, Hive-partitioned by run
 * &lt;output&gt;/runs/run_id=&lt;ID&gt;/part-00000.parquet      the catalogue row: the commit record, moved in last
 * &lt;output&gt;/_runs/run_id=&lt;ID&gt;/manifest.json, report.html
 * &lt;output&gt;/_staging/&lt;ID&gt;-&lt;nonce&gt;/                  a run being written (see {@link StagedRun})
 * &lt;output&gt;/_locks/&lt;ID&gt;/                              the run ID's lock ({@link RunLock})
 * </pre>
 *
 * Readers skip names that start with {@code _} or {@code .} (Spark, Hive) and the documented globs name
 * {@code run_id=*}, so only published runs are seen.
 */
final class Layout {

    static final String PARTITION = "run_id=";
    static final String ARTEFACTS = "_runs";
    static final String STAGING = "_staging";
    static final String LOCKS = "_locks";
    /** The one file of a table partition written on the driver. */
    static final String PART = "part-00000.parquet";

    /** In a staging folder: its holder, written first. */
    static final String OWNER = "_OWNER";
    /** In a staging folder: written once everything is staged; a marked folder is rolled forward, never back. */
    static final String STAGED = "_STAGED";
    /** In a staging folder: its holder failed while publishing and is still alive; recovery may finish for it. */
    static final String ABANDONED = "_ABANDONED";
    /** In a staging folder: the run's artefacts (manifest, report), published as {@code _runs/run_id=<ID>}. */
    static final String RUN_ARTEFACTS = "_run";
    /** Length of the nonce after {@code <ID>-} in a staging folder's name. */
    static final int NONCE_LENGTH = 16;

    private Layout() {
    }

    static String partition(ResultTable t, String runId) {
        return t.tableName() + "/" + PARTITION + runId;
    }

    static String artefacts(String runId) {
        return ARTEFACTS + "/" + PARTITION + runId;
    }

    static String lock(String runId) {
        return LOCKS + "/" + runId;
    }

    static String staging(String runId, String nonce) {
        return STAGING + "/" + runId + "-" + nonce;
    }

    /** The run ID of staging folder {@code name}, or null for a name of another shape. */
    static String stagedRunId(String name) {
        int cut = name.length() - NONCE_LENGTH - 1;
        return cut > 0 && name.charAt(cut) == '-' ? name.substring(0, cut) : null;
    }

    /** The run ID of partition folder {@code name}, or null. */
    static String partitionRunId(String name) {
        return name.startsWith(PARTITION) && name.length() > PARTITION.length() ? name.substring(PARTITION.length())
                : null;
    }

    /** Whether a file in a partition folder is a data file (not hidden, not a checksum or marker). */
    static boolean isDataFile(String name) {
        return name.endsWith(".parquet") && !name.startsWith("_") && !name.startsWith(".");
    }
}
