import nb
nb.write("notebooks/03-solve-pde-and-propagate.ipynb", [
("md", """
# Solving a PDE with VSNA and propagating its uncertainty

The parametric diffusion problem -(k u')' = 1 on (0, 1), u(0) = u(1) = 0, with the conductivity k in [1, 10] as
a coordinate (`conf/problems/parametric-diffusion.yaml`), is solved once by VSNA (Galerkin ALS): one SNA
u(x, k) for the whole family. The exact solution is u = x (1 - x) / (2 k). Then the mid-point value u(1/2; k)
is propagated with an uncertain k ~ triangular(1, 3, 10): in closed form, and by sampling on Spark
(`conf/studies/diffusion-solve.yaml`).
""" + nb.KERNEL),
("code", nb.CLASSPATH + """
import java.nio.file.*;
import java.util.*;
import org.apache.spark.sql.*;
import org.knowm.xchart.*;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.snauq.cli.SnaCli;
import org.snauq.dist.InputSpec;
import org.snauq.model.*;
import org.snauq.uq.*;

Path root = Path.of("../..").toAbsolutePath().normalize();
// bin/sna's logging (warnings, and sna's progress lines); set before anything starts Spark's logging
System.setProperty("log4j2.configurationFile", root.resolve("conf/log4j2.properties").toUri().toString());
Path work = Files.createDirectories(root.resolve("results/notebooks/diffusion"));
Path problem = root.resolve("conf/problems/parametric-diffusion.yaml");
System.out.println(Files.readString(problem));
"""),
("md", """
## Solve

`sna solve` prints the residuals and, since the problem states its exact solution, the errors.
"""),
("code", """
Path modelFile = work.resolve("diffusion.sna");
int exit = SnaCli.commandLine().execute("solve", problem.toString(), "--output", modelFile.toString());
if (exit != 0) throw new IllegalStateException("sna solve: exit code " + exit + " (see its message above)");
exit
"""),
("code", """
int inspected = SnaCli.commandLine().execute("inspect", modelFile.toString());
if (inspected != 0) throw new IllegalStateException("sna inspect: exit code " + inspected);
"""),
("code", """
SnaModel u = SnaModelFile.read(modelFile);
for (double k : new double[] {1, 3, 10}) {
    double exact = 0.5 * 0.5 / (2 * k);
    System.out.println(String.format("u(1/2; k=%4.1f) = %.8f   exact %.8f   error %.1e", k,
            u.value(new double[] {0.5, k}), exact, Math.abs(u.value(new double[] {0.5, k}) - exact)));
}
XYChart profiles = new XYChartBuilder().width(720).height(360).title("u(x; k): the SNA (lines) and x (1 - x) / (2k)")
        .xAxisTitle("x").yAxisTitle("u").build();
profiles.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setXAxisDecimalPattern("0.0").setYAxisDecimalPattern("0.00");
for (double k : new double[] {1, 3, 10}) {
    double[] x = new double[101], line = new double[101], xs = new double[11], dots = new double[11];
    for (int i = 0; i <= 100; i++) {
        x[i] = i / 100.0;
        line[i] = u.value(new double[] {x[i], k});
    }
    for (int i = 0; i <= 10; i++) {
        xs[i] = i / 10.0;
        dots[i] = xs[i] * (1 - xs[i]) / (2 * k);
    }
    profiles.addSeries("SNA, k = " + (int) k, x, line).setMarker(SeriesMarkers.NONE);
    profiles.addSeries("exact, k = " + (int) k, xs, dots).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
}
BitmapEncoder.getBufferedImage(profiles)
"""),
("md", """
## Closed-form propagation

With x fixed at 1/2 and k ~ triangular(1, 3, 10), the mean and variance of u(1/2; k) follow from one-dimensional
integrals of the separated form (no sampling). Reference: E[1/(8k)] and Var[1/(8k)] by a fine midpoint rule
on the triangular density.
"""),
("code", """
List<InputSpec> inputs = List.of(new InputSpec("x", "constant", Map.of("value", 0.5)),
        new InputSpec("k", "triangular", Map.of("lower", 1.0, "mode", 3.0, "upper", 10.0)));
ClosedFormResult cf = ClosedFormUq.analyzeSpecs(u, inputs);
int m = 1_000_000;
double e1 = 0, e2 = 0;
for (int i = 0; i < m; i++) {
    double k = 1 + 9 * (i + 0.5) / m;
    double pdf = k < 3 ? 2 * (k - 1) / (9 * 2) : 2 * (10 - k) / (9 * 7);
    double v = 1 / (8 * k);
    e1 += v * pdf * 9.0 / m;
    e2 += v * v * pdf * 9.0 / m;
}
System.out.println(String.format("mean      %.8f   reference %.8f", cf.mean(), e1));
System.out.println(String.format("variance  %.4e   reference %.4e", cf.variance(), e2 - e1 * e1));
"""),
("md", """
## Sampling on Spark

The shipped study solves the same problem and propagates k on a randomised Sobol' design; the summary table has
the sampling estimate beside the closed form (`method = analytic`).
"""),
("code", """
Path study = work.resolve("diffusion-solve.yaml");
Files.writeString(study, Files.readString(root.resolve("conf/studies/diffusion-solve.yaml"))
        .replace("n: 65536", "n: 16384").replace("conf/problems/", root.resolve("conf/problems") + "/"));
int runExit = SnaCli.commandLine().execute("run", study.toString(), "--output", work.resolve("results").toString(),
        "--run-id", "notebook", "--master", "local[2]");
if (runExit != 0) throw new IllegalStateException("sna run: exit code " + runExit + " (see its message above)");
Path out = work.resolve("results");
runExit
"""),
("code", """
SparkSession spark = SparkSession.builder().getOrCreate();
// a table's partition of our run, <output>/<table>/run_id=notebook, for Spark SQL
String table(String name) {
    return "parquet.`" + out.resolve(name).resolve("run_id=notebook") + "`";
}
spark.sql("SELECT method, n, mean, variance, mean_ci_low, mean_ci_high FROM " + table("summary")).show(false);
"""),
("md", """
The sampled distribution of u(1/2; k) (the `histogram` table, 32 bins) against its exact density: with
U = 1/(8K), f_U(u) = f_K(1/(8u)) / (8u^2) on [1/80, 1/8].
"""),
("code", """
List<Row> bins = spark.sql("SELECT lower, upper, count FROM " + table("histogram") + " ORDER BY bin").collectAsList();
long total = bins.stream().mapToLong(r -> ((Number) r.get(2)).longValue()).sum();
double[] edge = new double[2 * bins.size()], density = new double[2 * bins.size()];
for (int b = 0; b < bins.size(); b++) {
    Row r = bins.get(b);
    edge[2 * b] = r.getDouble(0);
    edge[2 * b + 1] = r.getDouble(1);
    double width = r.getDouble(1) - r.getDouble(0);
    density[2 * b] = density[2 * b + 1] = ((Number) r.get(2)).longValue() / (total * width);
}
double[] uu = new double[200], fu = new double[200];
for (int i = 0; i < 200; i++) {
    uu[i] = 1.0 / 80 + (1.0 / 8 - 1.0 / 80) * (i + 0.5) / 200;
    double k = 1 / (8 * uu[i]);
    double fk = k < 3 ? 2 * (k - 1) / (9 * 2) : 2 * (10 - k) / (9 * 7);
    fu[i] = fk / (8 * uu[i] * uu[i]);
}
XYChart distribution = new XYChartBuilder().width(720).height(360).title("u(1/2; k), k ~ triangular(1, 3, 10)")
        .xAxisTitle("u(1/2; k)").yAxisTitle("density").build();
distribution.getStyler().setXAxisDecimalPattern("0.00");
distribution.addSeries("histogram of " + total + " samples", edge, density)
        .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area).setMarker(SeriesMarkers.NONE);
distribution.addSeries("exact density", uu, fu).setMarker(SeriesMarkers.NONE);
BitmapEncoder.getBufferedImage(distribution)
"""),
])
