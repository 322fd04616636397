package org.snauq.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Moves a marked staging folder into the layout: the roll-forward phase of the commit, run under the run ID's
 * lock by the run itself or, after a crash, by the next run or {@code sna runs --repair}. Each step is one rename
 * or delete, and the whole is idempotent: re-run from any point it ends in the same place.
 *
 * <ol>
 *   <li>delete the old {@code runs/run_id=<ID>} (the old run stops being complete);</li>
 *   <li>per table: delete the old partition, move the staged one in; delete the old run's partitions of tables
 *       the new run does not have;</li>
 *   <li>replace {@code _runs/run_id=<ID>} by the staged artefacts;</li>
 *   <li>move the staged catalogue row to {@code runs/run_id=<ID>} (the new run is complete);</li>
 *   <li>delete the staging folder.</li>
 * </ol>
 * A staging folder without its {@code runs} folder has passed step 4: only step 5 is left.
 */
final class Publication {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Publication() {
    }

    /** The content of {@link Layout#STAGED}: the run ID, its tables and when it was marked. */
    static byte[] marker(String runId, List<ResultTable> tables) {
        ObjectNode o = JSON.createObjectNode();
        o.put("run_id", runId);
        tables.forEach(t -> o.withArray("tables").add(t.tableName()));
        o.put("marked", Instant.now().toString());
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** When a marked staging folder was marked (for choosing the latest of several), or the epoch. */
    static Instant markedAt(Store store, String staged) throws IOException {
        JsonNode m = read(store, staged);
        return m == null ? Instant.EPOCH : Instant.parse(m.path("marked").asText(Instant.EPOCH.toString()));
    }

    static void rollForward(Store store, String runId, String staged) throws IOException {
        String runsRow = Store.join(staged, ResultTable.RUNS.tableName());
        JsonNode marker = read(store, staged);
        if (!store.exists(runsRow) || marker == null) {
            store.delete(staged);
            return;
        }
        Set<String> tables = new HashSet<>();
        marker.path("tables").forEach(n -> tables.add(n.asText()));
        store.delete(Layout.partition(ResultTable.RUNS, runId));
        CrashPoints.reach("unlisted");
        for (ResultTable t : ResultTable.values()) {
            if (t == ResultTable.RUNS) {
                continue;
            }
            String from = Store.join(staged, t.tableName());
            String to = Layout.partition(t, runId);
            if (store.exists(from)) {
                store.delete(to);
                store.mkdirs(t.tableName());
                store.moveNew(from, to);
                CrashPoints.reach("moved:" + t.tableName());
            } else if (!tables.contains(t.tableName())) {
                store.delete(to); // a table of the run being replaced that this run does not have
            }
        }
        String artefacts = Store.join(staged, Layout.RUN_ARTEFACTS);
        if (store.exists(artefacts)) {
            store.delete(Layout.artefacts(runId));
            store.mkdirs(Layout.ARTEFACTS);
            store.moveNew(artefacts, Layout.artefacts(runId));
            CrashPoints.reach("moved:" + Layout.ARTEFACTS);
        }
        store.mkdirs(ResultTable.RUNS.tableName());
        store.moveNew(runsRow, Layout.partition(ResultTable.RUNS, runId));
        CrashPoints.reach("listed");
        store.delete(staged);
    }

    private static JsonNode read(Store store, String staged) throws IOException {
        byte[] m = store.read(Store.join(staged, Layout.STAGED));
        if (m == null) {
            return null;
        }
        try {
            return JSON.readTree(m);
        } catch (IOException e) {
            return null; // a marker is written in one piece by an exclusive create; unreadable means not marked
        }
    }
}
