package org.snauq.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit protocol in one JVM: publish, replace, concurrent commits of one run ID, what dead owners leave,
 * retention, and outputs whose names hold glob characters. (Kills between steps: {@link CommitKillTest}.)
 */
class StagedRunTest {

    /** Issue 19: "a two-thread commit race of the same id, 200 rounds". */
    private static final int RACE_ROUNDS = 200;

    @TempDir
    Path dir;

    @Test
    void commit_run_publishedInTheLayoutAndReadBackExactly() throws IOException {
        Path output = dir.resolve("out");
        ResultsOutput out = TestRuns.open(output);
        RunTables tables = TestRuns.tables("w", true);
        StagedRun staged = out.stage(TestRuns.STUDY, "r1");
        for (TableRows t : tables.all()) {
            staged.write(t);
        }
        assertFalse(Files.exists(output.resolve("summary")), "nothing visible before the commit");
        RunManifest manifest = TestRuns.manifest(TestRuns.STUDY, "r1", "w", tables);
        staged.commit(manifest);
        for (String table : List.of("summary", "quantiles", "designs", "runs")) {
            assertTrue(Files.isRegularFile(output.resolve(table + "/run_id=r1/" + Layout.PART)), table);
        }
        assertTrue(Files.isRegularFile(output.resolve("_runs/run_id=r1/manifest.json")));
        assertEquals(manifest, out.manifest("r1"));
        assertEquals(tables, out.tables(manifest), "the rows read back are the rows written, bit for bit");
        assertEquals(List.of("r1"), out.runs().stream().map(RunEntry::runId).toList());
        TestRuns.assertClean(output);
    }

    @Test
    void commit_sameIdAgain_replacesTheRunAndDropsTablesItLacks() throws IOException {
        Path output = dir.resolve("out");
        ResultsOutput out = TestRuns.open(output);
        TestRuns.commit(out, TestRuns.STUDY, "r", "first", true);
        TestRuns.commit(out, "other-study", "r", "second", false); // an ID is unique per output, whatever the study
        assertEquals("second", TestRuns.assertComplete(out, "r"));
        assertEquals("other-study", out.manifest("r").study());
        assertFalse(Files.exists(output.resolve("designs/run_id=r")), "the first run's designs are gone");
        TestRuns.assertClean(output);
    }

    @Test
    void commit_twoThreadsSameId200Rounds_alwaysOneWholeRunAndNoLeftovers() throws Exception {
        Path output = dir.resolve("race");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < RACE_ROUNDS; round++) {
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<?>> writers = new ArrayList<>();
                for (String w : List.of("A", "B")) {
                    String label = w + round;
                    boolean designs = w.equals("A"); // the two runs differ in their tables too
                    writers.add(pool.submit(() -> {
                        start.await();
                        TestRuns.commit(TestRuns.open(output), TestRuns.STUDY, "race", label, designs);
                        return null;
                    }));
                }
                for (Future<?> f : writers) {
                    f.get(); // both commits succeed: the second waits for the lock, then replaces
                }
                ResultsOutput out = TestRuns.open(output);
                String label = TestRuns.assertComplete(out, "race");
                assertTrue(Set.of("A" + round, "B" + round).contains(label), label);
                assertEquals(label.startsWith("A"), Files.exists(output.resolve("designs/run_id=race")), label);
                assertEquals(1, out.runs().size());
                TestRuns.assertClean(output);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void recover_unmarkedStagingOfDeadOwner_deleted_liveOnesKept() throws Exception {
        Path output = dir.resolve("out");
        ResultsOutput out = TestRuns.open(output);
        TestRuns.commit(out, TestRuns.STUDY, "r", "kept", false);
        Owner dead = deadOwner();
        Path stale = output.resolve(Layout.staging("r", dead.nonce()));
        Files.createDirectories(stale.resolve("summary"));
        Files.write(stale.resolve(Layout.OWNER), dead.toJson());
        Files.writeString(stale.resolve("summary/" + Layout.PART), ""); // a killed writer's empty file
        StagedRun live = out.stage(TestRuns.STUDY, "r"); // this process: alive
        ResultsOutput.Recovery r = out.recover();
        assertEquals(List.of(stale.getFileName().toString()), r.deleted());
        assertFalse(Files.exists(stale));
        assertEquals(1, out.pending().size(), "the live staging stays");
        live.abort();
        assertEquals("kept", TestRuns.assertComplete(out, "r"));
        TestRuns.assertClean(output);
    }

    @Test
    void recover_partitionsOfUnlistedRun_removed() throws IOException {
        Path output = dir.resolve("out");
        ResultsOutput out = TestRuns.open(output);
        TestRuns.commit(out, TestRuns.STUDY, "gone", "x", true);
        TestRuns.commit(out, TestRuns.STUDY, "kept", "y", false);
        Files.delete(output.resolve("runs/run_id=gone/" + Layout.PART)); // as a removal killed after its first step
        Files.delete(output.resolve("runs/run_id=gone"));
        assertEquals(List.of("gone"), out.recover().orphansRemoved());
        for (String table : List.of("summary", "quantiles", "designs", "_runs")) {
            assertFalse(Files.exists(output.resolve(table + "/run_id=gone")), table);
        }
        assertEquals("y", TestRuns.assertComplete(out, "kept"));
    }

    @Test
    void lock_heldByDeadOwner_takenOver_heldByLiveOwner_waitedFor() throws Exception {
        Store store = new LocalStore(dir);
        Owner dead = deadOwner();
        RunLock.tryAcquire(store, "l", dead); // never released: its process is gone
        assertTrue(RunLock.isFree(store, "l"), "a dead holder's lock is free");
        RunLock mine = RunLock.tryAcquire(store, "l", Owner.current());
        assertTrue(mine != null);
        assertEquals(null, RunLock.tryAcquire(store, "l", Owner.current()), "held by a live owner");
        OutputException e = assertThrows(OutputException.class,
                () -> RunLock.acquire(store, "l", Owner.current(), 50, "run x"));
        assertTrue(e.getMessage().startsWith("run x is locked by "), e.getMessage());
        mine.close();
        try (RunLock again = RunLock.tryAcquire(store, "l", Owner.current())) {
            assertTrue(again != null);
        }
        assertEquals(2, Files.list(dir.resolve("l")).count(), "only the newest generation and its release");
    }

    @Test
    void retain_keepTwo_removesTheOldestOfThatStudyOnly() throws IOException {
        Path output = dir.resolve("out");
        ResultsOutput out = TestRuns.open(output);
        for (String id : List.of("a1", "a2", "a3")) {
            TestRuns.commit(out, "a", id, id, true);
        }
        TestRuns.commit(out, "b", "b1", "b1", false);
        assertEquals(List.of("a1"), out.retain("a", 2));
        assertEquals(List.of("a2", "a3", "b1"), out.runs().stream().map(RunEntry::runId).sorted().toList());
        assertFalse(Files.exists(output.resolve("designs/run_id=a1")));
        assertFalse(Files.exists(output.resolve("_runs/run_id=a1")));
        TestRuns.assertClean(output);
    }

    @Test
    void outputs_namesWithGlobCharacters_separateRunsReadLiterally() throws Exception {
        List<String> names = List.of("hab", "h?b", "h*b", "h[a]b", "h{a,b}b", "out#x?y");
        for (String name : names) {
            TestRuns.commit(TestRuns.open(dir.resolve(name)), TestRuns.STUDY, "same", name, false);
        }
        for (String name : names) {
            ResultsOutput out = TestRuns.open(dir.resolve(name));
            assertEquals(name, TestRuns.assertComplete(out, "same"), name);
            assertEquals(1, out.runs().size(), name);
        }
    }

    @Test
    void manifest_unknownRun_namesTheRunsThereAre() throws IOException {
        ResultsOutput out = TestRuns.open(dir.resolve("out"));
        TestRuns.commit(out, TestRuns.STUDY, "r1", "x", false);
        OutputException e = assertThrows(OutputException.class, () -> out.manifest("r2"));
        assertTrue(e.getMessage().endsWith("no complete run 'r2'; runs: r1"), e.getMessage());
    }

    @Test
    void documentedQueries_duckDbAndCatalogue_seeEveryRunOnce() throws Exception {
        Path output = dir.resolve("out");
        ResultsOutput out = TestRuns.open(output);
        TestRuns.commit(out, "a", "r1", "x", false);
        TestRuns.commit(out, "b", "r2", "y", false);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT s.study, s.run_id, s.method FROM read_parquet('" + output
                     + "/summary/run_id=*/*.parquet', hive_partitioning = true) s JOIN read_parquet('" + output
                     + "/runs/run_id=*/*.parquet', hive_partitioning = true) r USING (study, run_id) ORDER BY 2")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3));
            }
            assertEquals(List.of("a/r1/x", "b/r2/y"), rows);
        }
        assertEquals(new String(Files.readAllBytes(output.resolve("_runs/run_id=r1/manifest.json")),
                StandardCharsets.UTF_8), out.manifest("r1").toJson());
    }

    @Test
    void stage_fileSystemRefusesWrites_oneLineNamingTheOutput() throws IOException {
        org.apache.hadoop.fs.RawLocalFileSystem denying = new org.apache.hadoop.fs.RawLocalFileSystem() {
            @Override
            public boolean mkdirs(org.apache.hadoop.fs.Path p) throws IOException {
                throw new org.apache.hadoop.security.AccessControlException("Permission denied: user=sna");
            }
        };
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        denying.initialize(java.net.URI.create("file:///"), conf);
        ResultsOutput out = new ResultsOutput(new HadoopStore(denying,
                new org.apache.hadoop.fs.Path(dir.resolve("denied").toUri()), conf));
        OutputException e = assertThrows(OutputException.class, () -> out.stage(TestRuns.STUDY, "r"));
        assertEquals(out.describe() + ": cannot write (AccessControlException)", e.getMessage());
    }

    /** An owner whose process has ended (a process of this test, waited for). */
    static Owner deadOwner() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Owner me = Owner.current();
        return new Owner(me.host(), p.pid(), 0, "0123456789abcdef");
    }
}
