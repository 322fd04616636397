package org.snauq.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.snauq.engine.PhaseLog;
import org.snauq.model.SnaModel;
import org.snauq.models.ModelLoader;
import org.snauq.models.TableReader;
import org.snauq.results.OutputPaths;
import org.snauq.results.ResultsOutput;
import org.snauq.results.RunIds;
import org.snauq.spark.InversionPlan;
import org.snauq.spark.InversionRun;
import org.snauq.spark.InversionSets;
import org.snauq.spark.UqRun;
import org.snauq.spark.UqSpark;
import org.snauq.study.InversionParser;
import org.snauq.study.InversionSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sna invert MODEL INVERSION.yaml}: Bayesian inversion of a model's inputs from observations (issue 13,
 * docs/cases/lpbf-inverse.md). In order: parse and check the inversion file, the run ID and the output; read the
 * model and bind the file to it (unknowns, known inputs and points that do not fit the model, priors without mass
 * in its domain: exit 2, one line, nothing written); then invert the file's own values on the driver, or, with
 * {@code --observations}, every set of the table on Spark; publish the run like {@code sna run} and print its
 * folder.
 */
@Command(name = "invert", mixinStandardHelpOptions = true,
        description = {"Infer a model's unknown inputs from observations: MAP (Levenberg-Marquardt, multi-start,"
                + " bounds), Laplace covariance and MCMC posterior draws (adaptive Metropolis, split R-hat, ESS), per"
                + " observation set. Publishes the tables estimates, fit and posterior, manifest.json and report.html"
                + " in the output's run layout (as sna run).",
            "MODEL_OR_CASE is a .sna model: a plain SNA (its coordinates are the inputs; observations are its output"
                + " at points), or, when the inversion file names a material, the LPBF case (the moving-source model"
                + " of conf/problems/lpbf5d.yaml; inputs eta, s, P, v, rb, beta; melt-pool QoIs or temperatures"
                + " observed). Examples: conf/inversions/."})
final class InvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL_OR_CASE",
            description = "The model, a .sna file (the LPBF case with a material in the inversion file).")
    Path model;

    @Parameters(index = "1", paramLabel = "INVERSION.yaml",
            description = "Unknowns with priors, known inputs, observations with their noise, settings.")
    Path inversion;

    @Option(names = "--observations", paramLabel = "TABLE",
            description = "Parquet (file or folder) or CSV table of observation sets: an integer observation_id"
                    + " column and one column per observation name; inverted in parallel on Spark. The inversion"
                    + " file then gives no values.")
    Path observations;

    @Option(names = "--output", paramLabel = "DIR", description = "Results folder (default: the file's output).")
    String output;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Run ID: letters, digits, _ . - (a letter or digit first, at most 128, not a number); an"
                    + " existing run with this ID is replaced atomically (default: UTC start time).")
    String runId;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master for --observations (default: spark.master if set, else local[*]).")
    String master;

    @Override
    public Integer call() throws Exception {
        PhaseLog log = new PhaseLog(spec.commandLine().getErr());
        Path cwd = Path.of("").toAbsolutePath();
        String id = runId == null ? UqRun.defaultRunId() : RunIds.check(runId, "--run-id");
        InversionSpec inv = InversionParser.parse(inversion, cwd);
        if (output != null) {
            inv = inv.withOutput(OutputPaths.resolve(output, cwd, "--output"));
        } else {
            OutputPaths.checkFolder(inv.output(), inv.fileName() + ": output");
        }
        if (observations != null && inv.hasValues()) {
            throw new UserInputException(inv.fileName() + ": observations: give no value with --observations (the"
                    + " table gives one set per row)");
        }
        if (observations == null && !inv.hasValues()) {
            throw new UserInputException(inv.fileName() + ": observations[0].value is missing: give every"
                    + " observation's value, or an observation table with --observations");
        }
        SnaModel sna = ModelFiles.read(model);
        String name = String.valueOf(model.getFileName());
        InversionPlan plan = InversionPlan.of(inv, sna, name);
        InversionRun.Model described = new InversionRun.Model("sna file " + name, sna.output(),
                ModelLoader.hash(sna), model.toString());
        UqRun.Outcome outcome;
        if (observations == null) {
            log.phase("model", "inversion " + inversion.getFileName() + " checked, model ready: " + plan);
            ResultsOutput out = open(inv.output(), new Configuration(), log);
            outcome = InversionRun.single(inv, plan, described, out, id, log);
        } else {
            Supplier<SparkSession> spark = UqSpark.lazySession(master);
            InversionSets sets = InversionSets.ofTable(TableReader.read(observations, spark), plan);
            log.phase("model", "inversion " + inversion.getFileName() + " and " + observations.getFileName()
                    + " checked, model ready: " + plan);
            SparkSession session = spark.get();
            log.phase("spark", "spark ready: " + session.sparkContext().master() + ", " + session.sparkContext()
                    .defaultParallelism() + " cores; " + sets);
            ResultsOutput out = open(inv.output(), session.sparkContext().hadoopConfiguration(), log);
            outcome = InversionRun.batch(inv, plan, described, sets, session, out, id, log);
        }
        spec.commandLine().getOut().println(outcome.folder());
        spec.commandLine().getOut().flush();
        return CliErrors.OK;
    }

    /** The output, after finishing or removing what crashed runs left in it. */
    private static ResultsOutput open(String output, Configuration conf, PhaseLog log) throws java.io.IOException {
        ResultsOutput out = ResultsOutput.open(output, conf);
        ResultsOutput.Recovery recovered = out.recover();
        if (!recovered.isEmpty()) {
            log.info("output recovered: rolled forward " + recovered.rolledForward() + ", deleted stagings "
                    + recovered.deleted() + ", removed unlisted runs " + recovered.orphansRemoved());
        }
        return out;
    }
}
