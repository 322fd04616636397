package org.snauq.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.snauq.dist.InputSpec;
import org.snauq.engine.PhaseLog;
import org.snauq.models.LoadedModel;
import org.snauq.models.ModelLoader;
import org.snauq.models.StudyModels;
import org.snauq.models.StudyTables;
import org.snauq.results.OutputPaths;
import org.snauq.spark.DataGenerator;
import org.snauq.spark.UqSpark;
import org.snauq.study.BadInputException;
import org.snauq.study.DomainPolicy;
import org.snauq.study.ModelSource;
import org.snauq.study.Sampling;
import org.snauq.study.SparkSettings;
import org.snauq.study.StatisticsSpec;
import org.snauq.study.Study;
import org.snauq.study.StudyParser;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sna generate}: evaluates a model or simulator on a sampling design, distributed, and writes training or
 * validation data (the inputs, then the response) as a Parquet dataset with its manifest {@code _manifest.json}
 * inside, replacing an existing one atomically. The inputs and their distributions are the {@code inputs} list of
 * a study file; the design defaults to {@code mc} with seed 42.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Evaluate a model on a sampling design (in the Spark executors) and write the inputs and the"
                + " response as Parquet.")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--function", paramLabel = "NAME", description = "A benchmark function, e.g. ishigami.")
        String function;

        @Option(names = "--expr", paramLabel = "EXPR", description = "A formula in the input names.")
        String expression;

        @Option(names = "--model", paramLabel = "M.sna", description = "An SNA model file.")
        Path model;

        @Option(names = "--problem", paramLabel = "P.yaml", description = "A PDE problem file (solved by VSNA).")
        Path problem;
    }

    @Option(names = "--inputs", required = true, paramLabel = "STUDY.yaml",
            description = "A study file whose inputs list gives the names and distributions.")
    Path inputs;

    @Option(names = "--n", required = true, paramLabel = "N", description = "Number of rows (>= 2).")
    long n;

    @Option(names = "--design", paramLabel = "D", defaultValue = "mc",
            description = "mc, lhs or sobol (default: ${DEFAULT-VALUE}).")
    String design;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--output", required = true, paramLabel = "DATA.parquet",
            description = "The Parquet folder to write (replaced atomically if it exists).")
    String output;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark.master if set, else the embedded local[*]).")
    String master;

    @Override
    public Integer call() throws Exception {
        PhaseLog log = new PhaseLog(spec.commandLine().getErr());
        Path cwd = Path.of("").toAbsolutePath();
        List<InputSpec> specs = StudyParser.parseInputs(inputs);
        Sampling sampling;
        try {
            sampling = new Sampling(design, n, seed);
        } catch (BadInputException e) {
            throw new UserInputException("--" + e.getMessage());
        }
        String out = OutputPaths.resolve(output, cwd, "--output");
        Study study = new Study(inputs, "generate", modelSource(cwd), specs, sampling,
                StatisticsSpec.defaults(), out, DomainPolicy.ERROR, SparkSettings.defaults(), Map.of());
        Supplier<SparkSession> spark = UqSpark.lazySession(master);
        LoadedModel model = ModelLoader.load(study, new StudyModels(), StudyTables.reader(spark));
        log.phase("model", "model ready: " + model.model().description());
        long rows = DataGenerator.generate(spark.get(), study, model, log);
        spec.commandLine().getOut().println("wrote " + rows + " rows to " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private ModelSource modelSource(Path cwd) {
        if (source.function != null) {
            return new ModelSource.Function(source.function);
        }
        if (source.expression != null) {
            return new ModelSource.Expression(source.expression);
        }
        if (source.model != null) {
            return new ModelSource.SnaFile(cwd.resolve(source.model).normalize());
        }
        return new ModelSource.Solve(cwd.resolve(source.problem).normalize());
    }
}
