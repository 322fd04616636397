package org.snauq.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snauq.study.LoadedModel;
import org.snauq.study.ModelLoader;
import org.snauq.study.Study;
import org.snauq.study.StudyParser;

class UqRunSmokeTest {

    @TempDir
    Path dir;

    @Test
    void run_ishigami_writesTables() throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, """
                name: smoke
                model: {function: ishigami}
                inputs:
                  - {name: x1, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
                  - {name: x2, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
                  - {name: x3, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
                sampling: {design: sobol, n: 65536, seed: 1}
                statistics: {sobol: true, exceedance: [10], keep-samples: true}
                output: out
                """);
        Study s = StudyParser.parse(f, dir);
        LoadedModel m = ModelLoader.load(s, new StudyModels(), null);
        UqRun.Outcome o = UqRun.run(s, m, SparkTests.session(), "r1", new PhaseLog(new java.io.PrintWriter(System.err, true)));
        System.err.println(o);
        SparkTests.session().read().parquet(o.folder() + "/summary").show(false);
        SparkTests.session().read().parquet(o.folder() + "/sobol").show(false);
        SparkTests.session().read().parquet(o.folder() + "/convergence").show(100, false);
        SparkTests.session().read().parquet(o.folder() + "/quantiles").show(false);
        SparkTests.session().read().parquet(o.folder() + "/samples").show(5, false);
        System.err.println(Files.readString(Path.of(o.folder(), "manifest.json")));
    }
}
