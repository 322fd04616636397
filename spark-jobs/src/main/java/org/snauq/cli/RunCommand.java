package org.snauq.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.snauq.engine.PhaseLog;
import org.snauq.models.LoadedModel;
import org.snauq.models.ModelLoader;
import org.snauq.models.StudyModels;
import org.snauq.models.StudyTables;
import org.snauq.report.ReportWriter;
import org.snauq.results.OutputPaths;
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
 * {@code sna run STUDY.yaml}: the main job (DESIGN.md sections 2 to 4, 6). In order: parse and check the study
 * (no Spark yet; every bad key is exit 2 with one line), obtain the model and check it against the inputs,
 * start Spark, propagate, write {@code <output>/run_id=<ID>/}, then render its {@code report.html}. Phase lines go
 * to stderr; the run folder is printed on stdout.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Propagate a study's input uncertainty through its model on Spark and write the result tables"
                + " and report.html to <output>/run_id=<ID>/.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STUDY.yaml", description = "The study file (see conf/studies/).")
    Path study;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark.master if set, else the embedded local[*]).")
    String master;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Run ID; an existing run with this ID is replaced atomically (default: UTC start time).")
    String runId;

    @Option(names = "--output", paramLabel = "DIR", description = "Results folder (default: the study's output).")
    String output;

    @Override
    public Integer call() throws Exception {
        PhaseLog log = new PhaseLog(spec.commandLine().getErr());
        Path cwd = Path.of("").toAbsolutePath();
        Study s = StudyParser.parse(study, cwd);
        if (output != null) {
            s = s.withOutput(Study.resolveOutput(output, cwd));
        }
        String id = runId == null ? UqRun.defaultRunId() : UqRun.checkRunId(runId);
        OutputPaths.checkFolder(s.output(), output != null ? "--output" : s.fileName() + ": output");

        Supplier<SparkSession> spark = UqSpark.lazySession(master);
        SweepSpec sweep = SweepSpec.present(s) ? SweepSpec.parse(s) : null;
        LoadedModel model = ModelLoader.load(sweep == null ? s : sweep.loadingStudy(s), new StudyModels(),
                StudyTables.reader(spark));
        if (sweep != null) {
            sweep.checkModel(s, model.model());
        }
        log.phase("model", "study " + study.getFileName() + " checked, model ready: " + model.model().description());
        SparkSession session = spark.get();
        log.phase("spark", "spark ready: " + session.sparkContext().master() + ", " + session.sparkContext()
                .defaultParallelism() + " cores");
        UqRun.Outcome outcome = sweep == null ? UqRun.run(s, model, session, id, log)
                : SweepRun.run(s, sweep, model, session, id, log);
        // After the run is in place: a failed rendering leaves a complete run that `sna report` can render again.
        String report = ReportWriter.write(session, outcome.folder());
        log.phase("report", "report written: " + report);
        spec.commandLine().getOut().println(outcome.folder());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
