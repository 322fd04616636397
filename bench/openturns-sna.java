import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.snauq.als.AlsConfig;
import org.snauq.als.AlsFit;
import org.snauq.als.AlsRegression;
import org.snauq.als.TrainingData;
import org.snauq.datasets.BenchmarkFunction;
import org.snauq.datasets.BenchmarkFunctions;
import org.snauq.design.InputTransform;
import org.snauq.design.PickFreeze;
import org.snauq.dist.Distribution;
import org.snauq.dist.Distributions;
import org.snauq.dist.InputSpec;
import org.snauq.model.SnaModel;
import org.snauq.stats.SobolAccumulator;
import org.snauq.uq.ClosedFormResult;
import org.snauq.uq.ClosedFormUq;

/**
 * The SNA-UQ side of bench/openturns-compare.sh (run as a single-file source program on the project's classpath):
 * on the same CSV files as the OpenTURNS side, ALS fit (auto resolution: degree and atoms chosen by validation error, rank auto), validation relative RMSE, 10^6
 * evaluations with the batch kernel, Sobol' indices by pick-freeze on the surrogate with the same base size
 * (Saltelli first order, Jansen total, as OpenTURNS), and the closed form. Writes DIR/sna.json.
 *
 * Times are wall clock on one thread, training also in the thread's CPU time (a shared machine inflates it far
 * less); propagation is the best of REPEATS after one warm-up run (the JIT), as the OpenTURNS side takes the best
 * of its repeats.
 */
public class OpenTurnsCompareSna {

    static final int[] SIZES = {500, 2000, 10000};
    static final int PROPAGATION = 1_000_000;
    static final int NBASE = 100_000;
    static final int REPEATS = 3;
    static final long SEED = 20240607L;
    static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        JsonNode refs = new ObjectMapper().readTree(dir.resolve("reference.json").toFile());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String name : List.of("ishigami", "borehole")) {
            BenchmarkFunction f = BenchmarkFunctions.byName(name);
            int dim = f.dimension();
            List<InputSpec> specs = f.inputs();
            Distribution[] laws = specs.stream().map(Distributions::of).toArray(Distribution[]::new);
            double[][] valid = readCsv(dir.resolve(name + "-valid.csv"), dim);
            double[] ref1 = array(refs.get(name).get("s1"));
            double[] refT = array(refs.get(name).get("st"));
            double[] prop = sample(laws, PROPAGATION, new SplittableRandom(SEED + 1));
            for (int n : SIZES) {
                double[][] train = readCsv(dir.resolve(name + "-train-" + n + ".csv"), dim);
                // the domain: what `sna run` trains on (Distributions.domainFor, widened to the data if needed)
                double[] lower = new double[dim];
                double[] upper = new double[dim];
                for (int d = 0; d < dim; d++) {
                    double[] cover = Distributions.domainFor(laws[d]);
                    lower[d] = cover[0];
                    upper[d] = cover[1];
                    for (int j = 0; j < n; j++) {
                        lower[d] = Math.min(lower[d], train[0][j * dim + d]);
                        upper[d] = Math.max(upper[d], train[0][j * dim + d]);
                    }
                }
                long t0 = System.nanoTime();
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                AlsFit fit = AlsRegression.fit(TrainingData.of(f.inputNames(), train[0], train[1], lower, upper),
                        AlsConfig.defaults().withAutoResolution());
                double trainS = (System.nanoTime() - t0) * 1e-9;
                double trainCpuS = (THREADS.getCurrentThreadCpuTime() - cpu0) * 1e-9;
                SnaModel model = fit.model().withInputs(specs);
                double err = relativeRmse(model, valid[0], valid[1]);

                double[] out = new double[PROPAGATION];
                SnaModel.Workspace ws = model.newWorkspace();
                model.evaluate(prop, PROPAGATION, out, ws); // warm-up
                double evalS = Double.POSITIVE_INFINITY;
                for (int r = 0; r < REPEATS; r++) {
                    long s = System.nanoTime();
                    model.evaluate(prop, PROPAGATION, out, ws);
                    evalS = Math.min(evalS, (System.nanoTime() - s) * 1e-9);
                }

                sobolSampling(model, laws, 1000, new SplittableRandom(1)); // warm-up
                long s = System.nanoTime();
                double[][] idx = sobolSampling(model, laws, NBASE, new SplittableRandom(SEED + 2));
                double sobolS = (System.nanoTime() - s) * 1e-9;

                ClosedFormUq.analyze(model); // warm-up
                s = System.nanoTime();
                ClosedFormResult cf = ClosedFormUq.analyze(model);
                double closedS = (System.nanoTime() - s) * 1e-9;
                double closedErr = 0;
                for (int d = 0; d < dim; d++) {
                    closedErr = Math.max(closedErr, Math.max(Math.abs(cf.firstOrder(d) - ref1[d]),
                            Math.abs(cf.total(d) - refT[d])));
                }

                Map<String, Object> row = new LinkedHashMap<>();
                row.put("function", name);
                row.put("n", n);
                row.put("method", "SNA-UQ ALS");
                row.put("rank", model.rank());
                row.put("degree", model.basis(0).degree());
                row.put("atoms", model.basis(0).count());
                row.put("roughness", fit.report().chosenCandidate().roughness());
                System.out.println(fit.report().format());
                row.put("validation_rel_rmse", err);
                row.put("train_s", trainS);
                row.put("train_cpu_s", trainCpuS);
                row.put("sweeps", fit.report().totalSweeps());
                row.put("validation_q2", 1 - err * err); // relative RMSE^2 = MSE / Var(y) over the validation set
                row.put("eval_1e6_s", evalS);
                row.put("sobol_sampling_s", sobolS);
                row.put("sobol_sampling_err", maxError(idx, ref1, refT));
                row.put("sobol_closed_s", closedS);
                row.put("sobol_closed_err", closedErr);
                rows.add(row);
                System.out.println(row);
            }
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("sna.json").toFile(),
                rows);
    }

    /** Saltelli (2010) first order and Jansen (1999) total on base size nbase, Monte Carlo A and B. */
    static double[][] sobolSampling(SnaModel model, Distribution[] laws, int nbase, SplittableRandom rng) {
        int dim = laws.length;
        int block = 4096;
        InputTransform twice = InputTransform.of(List.of(laws)).twice();
        double[] rows = new double[block * 2 * dim];
        double[] points = new double[block * (dim + 2) * dim];
        double[] values = new double[block * (dim + 2)];
        SnaModel.Workspace ws = model.newWorkspace();
        SobolAccumulator acc = new SobolAccumulator(dim);
        for (int done = 0; done < nbase; done += block) {
            int count = Math.min(block, nbase - done);
            for (int i = 0; i < count * 2 * dim; i++) {
                rows[i] = rng.nextDouble();
            }
            twice.apply(rows, count);
            PickFreeze.expand(rows, 0, count, dim, points, 0);
            model.evaluate(points, count * (dim + 2), values, ws);
            acc.acceptSamples(values, 0, count);
        }
        double[][] idx = new double[2][dim];
        for (int d = 0; d < dim; d++) {
            idx[0][d] = acc.firstOrder(d);
            idx[1][d] = acc.total(d);
        }
        return idx;
    }

    static double maxError(double[][] idx, double[] ref1, double[] refT) {
        double e = 0;
        for (int d = 0; d < ref1.length; d++) {
            e = Math.max(e, Math.max(Math.abs(idx[0][d] - ref1[d]), Math.abs(idx[1][d] - refT[d])));
        }
        return e;
    }

    static double[] sample(Distribution[] laws, int n, SplittableRandom rng) {
        int dim = laws.length;
        double[] x = new double[n * dim];
        for (int j = 0; j < n; j++) {
            for (int d = 0; d < dim; d++) {
                x[j * dim + d] = laws[d].inverseCdf(rng.nextDouble());
            }
        }
        return x;
    }

    /** RMSE / sd(y) (population sd), as the OpenTURNS side computes it. */
    static double relativeRmse(SnaModel model, double[] x, double[] y) {
        int n = y.length;
        double[] pred = new double[n];
        model.evaluate(x, n, pred, model.newWorkspace());
        double sse = 0;
        double mean = 0;
        for (double v : y) {
            mean += v / n;
        }
        double var = 0;
        for (int j = 0; j < n; j++) {
            sse += (pred[j] - y[j]) * (pred[j] - y[j]);
            var += (y[j] - mean) * (y[j] - mean);
        }
        return Math.sqrt(sse / var);
    }

    /** {x row-major, y} from a CSV with a header and y last. */
    static double[][] readCsv(Path p, int dim) throws IOException {
        List<String> lines = Files.readAllLines(p);
        int n = lines.size() - 1;
        double[] x = new double[n * dim];
        double[] y = new double[n];
        for (int j = 0; j < n; j++) {
            String[] f = lines.get(j + 1).split(",");
            for (int d = 0; d < dim; d++) {
                x[j * dim + d] = Double.parseDouble(f[d]);
            }
            y[j] = Double.parseDouble(f[dim]);
        }
        return new double[][] {x, y};
    }

    static double[] array(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }
}
