package org.snauq.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.snauq.engine.PhaseLog;
import org.snauq.models.LoadedModel;
import org.snauq.models.ModelLoader;
import org.snauq.models.StudyModels;
import org.snauq.models.StudyTables;
import org.snauq.results.OutputPaths;
import org.snauq.results.ResultsOutput;
import org.snauq.results.RunIds;
import org.snauq.spark.SweepRun;
import org.snauq.spark.UqRun;
import org.snauq.spark.UqSpark;
import org.snauq.study.Study;
import org.snauq.study.StudyParser;
import org.snauq.study.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sna run STUDY.yaml}: the main job (DESIGN.md sections 2 to 4, 6). In order: parse and check the study,
 * the run ID and the output (no Spark yet; every bad key is exit 2 with one line), obtain the model and check it
 * against the inputs, start Spark, finish what crashed runs left in the output, propagate, publish the run (tables,
 * manifest, report.html) and, with {@code --keep}, remove older runs of the study. Phase lines go to stderr; the
 * run's folder ({@code <output>/_runs/run_id=<ID>}, with the report) is printed on stdout.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Propagate a study's input uncertainty through its model on Spark and publish the run in the"
                + " output: tables <output>/<table>/run_id=<ID>/, the catalogue row <output>/runs/run_id=<ID>/,"
                + " manifest.json and report.html in <output>/_runs/run_id=<ID>/.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STUDY.yaml", description = "The study file (see conf/studies/).")
    Path study;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark.master if set, else the embedded local[*]).")
    String master;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Run ID: letters, digits, _ . - (a letter or digit first, at most 128, not a number); an"
                    + " existing run with this ID is replaced atomically, whatever its study (default: UTC start time"
                    + " yyyyMMdd'T'HHmmss'Z').")
    String runId;

    @Option(names = "--output", paramLabel = "DIR", description = "Results folder (default: the study's output).")
    String output;

    @Option(names = "--keep", paramLabel = "N",
            description = "After the run, keep only the N newest runs of this study in the output (scheduled runs).")
    Integer keep;

    @Override
    public Integer call() throws Exception {
        PhaseLog log = new PhaseLog(spec.commandLine().getErr());
        Path cwd = Path.of("").toAbsolutePath();
        String id = runId == null ? UqRun.defaultRunId() : RunIds.check(runId, "--run-id");
        if (keep != null && keep < 1) {
            throw new UserInputException("--keep must be >= 1, got " + keep);
        }
        Study s = StudyParser.parse(study, cwd);
        if (output != null) {
            s = s.withOutput(OutputPaths.resolve(output, cwd, "--output"));
        } else {
            OutputPaths.checkFolder(s.output(), s.fileName() + ": output");
        }

        Supplier<SparkSession> spark = UqSpark.lazySession(master);
        SweepSpec sweep = s.sweep();
        LoadedModel model = ModelLoader.load(s, new StudyModels(), StudyTables.reader(spark));
        log.phase("model", "study " + study.getFileName() + " checked, model ready: " + model.model().description());
        SparkSession session = spark.get();
        log.phase("spark", "spark ready: " + session.sparkContext().master() + ", " + session.sparkContext()
                .defaultParallelism() + " cores");
        ResultsOutput out = ResultsOutput.open(s.output(), session.sparkContext().hadoopConfiguration());
        ResultsOutput.Recovery recovered = out.recover();
        if (!recovered.isEmpty()) {
            log.info("output recovered: rolled forward " + recovered.rolledForward() + ", deleted stagings "
                    + recovered.deleted() + ", removed unlisted runs " + recovered.orphansRemoved());
        }
        UqRun.Outcome outcome = sweep == null ? UqRun.run(s, model, session, out, id, log)
                : SweepRun.run(s, sweep, model, session, out, id, log);
        if (keep != null) {
            List<String> removed = out.retain(s.name(), keep);
            if (!removed.isEmpty()) {
                log.info("--keep " + keep + ": removed older runs " + String.join(", ", removed));
            }
        }
        spec.commandLine().getOut().println(outcome.folder());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
