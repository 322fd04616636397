import nb
nb.write("notebooks/01-fit-sna-from-data.ipynb", [
("md", """
# Fitting an SNA from data and inspecting it

This notebook fits a Separable Neural Architecture (SNA) surrogate
u(z) = sum_r lambda_r prod_d phi_r^d(z_d) to 2,000 evaluations of the Ishigami function shipped in
`conf/data/ishigami-2000.csv`, by alternating least squares (ALS), then

1. checks it on 10,000 fresh points and along a slice,
2. computes its mean, variance and Sobol' indices in closed form (no sampling) and compares them with the exact
   values of the Ishigami function,
3. stores it as a `.sna` file and reads it back.
""" + nb.KERNEL),
("code", nb.CLASSPATH + """
import java.nio.file.*;
import java.util.*;
import org.knowm.xchart.*;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.snauq.als.*;
import org.snauq.model.*;
import org.snauq.uq.*;
import org.snauq.datasets.Ishigami;

// the repository root: Jupyter starts the kernel in the notebook's folder, two levels down
Path root = Path.of("../..").toAbsolutePath().normalize();
Ishigami ishigami = Ishigami.standard();
"""),
("md", """
## The data

Columns `x1, x2, x3` uniform on [-pi, pi], response `y` = Ishigami(x). We read the CSV with plain Java into a
row-major array, as `TrainingData` wants it.
"""),
("code", """
List<String> lines = Files.readAllLines(root.resolve("conf/data/ishigami-2000.csv"));
List<String> names = List.of(lines.get(0).split(",")).subList(0, 3);
int n = lines.size() - 1;
double[] x = new double[3 * n];
double[] y = new double[n];
for (int j = 0; j < n; j++) {
    String[] f = lines.get(j + 1).split(",");
    for (int d = 0; d < 3; d++) x[3 * j + d] = Double.parseDouble(f[d]);
    y[j] = Double.parseDouble(f[3]);
}
System.out.println(n + " rows, inputs " + names + ", y in [" + Arrays.stream(y).min().getAsDouble() + ", "
        + Arrays.stream(y).max().getAsDouble() + "]");
"""),
("md", """
## Fit by ALS

Cubic B-splines, the rank chosen by the validation error (20 % of the rows held out). The domain is the
inputs' support [-pi, pi]^3, not just the range of the data.
"""),
("code", """
double[] lower = {-Math.PI, -Math.PI, -Math.PI};
double[] upper = {Math.PI, Math.PI, Math.PI};
TrainingData data = TrainingData.of(names, x, y, lower, upper);
AlsConfig config = AlsConfig.defaults();
AlsFit fit = AlsRegression.fit(data, config);
System.out.println(fit.report().format());
"""),
("code", """
SnaModel model = fit.model();
System.out.println("rank " + model.rank() + ", " + model.parameterCount() + " parameters, coordinates "
        + model.names());
double[] z = {1.0, -0.5, 2.0};
System.out.println(String.format("u(z) = %.6f, Ishigami(z) = %.6f", model.value(z), ishigami.value(z)));
"""),
("md", """
## Validation on fresh points

10,000 new uniform points, evaluated with the allocation-free batch kernel. Relative RMSE = RMSE / sd(y).
"""),
("code", """
int m = 10_000;
SplittableRandom rng = new SplittableRandom(7);
double[] pts = new double[3 * m];
double[] truth = new double[m];
double[] point = new double[3];
for (int j = 0; j < m; j++) {
    for (int d = 0; d < 3; d++) point[d] = pts[3 * j + d] = -Math.PI + 2 * Math.PI * rng.nextDouble();
    truth[j] = ishigami.value(point);
}
double[] pred = new double[m];
model.evaluate(pts, m, pred, model.newWorkspace());
double sse = 0, mean = Arrays.stream(truth).average().getAsDouble(), var = 0;
for (int j = 0; j < m; j++) { sse += (pred[j] - truth[j]) * (pred[j] - truth[j]); var += (truth[j] - mean) * (truth[j] - mean); }
double relativeRmse = Math.sqrt(sse / var);
System.out.println(String.format("relative RMSE on %d fresh points: %.3e", m, relativeRmse));
"""),
("md", """
Along a line through the cube (x2 = 1, x3 = 2) the surrogate and the function it was fitted to:
"""),
("code", """
double[] grid = new double[201], along = new double[201];
for (int i = 0; i <= 200; i++) {
    grid[i] = -Math.PI + 2 * Math.PI * i / 200;
    along[i] = model.value(new double[] {grid[i], 1, 2});
}
double[] marked = new double[25], exact = new double[25];
for (int i = 0; i <= 24; i++) {
    marked[i] = -Math.PI + 2 * Math.PI * i / 24;
    exact[i] = ishigami.value(new double[] {marked[i], 1, 2});
}
XYChart slice = new XYChartBuilder().width(720).height(360).title("Ishigami along x1, at x2 = 1, x3 = 2")
        .xAxisTitle("x1").yAxisTitle("y").build();
slice.addSeries("SNA, rank " + model.rank(), grid, along).setMarker(SeriesMarkers.NONE);
slice.addSeries("Ishigami", marked, exact).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
double worst = 0;
for (int i = 0; i <= 24; i++) {
    worst = Math.max(worst, Math.abs(model.value(new double[] {marked[i], 1, 2}) - exact[i]));
}
System.out.println(String.format("largest |u - y| at the %d marked points: %.1e", marked.length, worst));
BitmapEncoder.getBufferedImage(slice)
"""),
("md", """
## Closed-form uncertainty of the surrogate

With the input distributions attached, `ClosedFormUq` integrates the separated form one coordinate at a time:
mean, variance and Sobol' indices without a single sample. The exact Ishigami values are beside them.
"""),
("code", """
SnaModel withInputs = model.withInputs(ishigami.inputs());
ClosedFormResult uq = ClosedFormUq.analyze(withInputs);
System.out.printf("%-10s %12s %12s%n", "", "SNA", "exact");
System.out.printf("%-10s %12.6f %12.6f%n", "mean", uq.mean(), ishigami.mean().getAsDouble());
System.out.printf("%-10s %12.6f %12.6f%n", "variance", uq.variance(), ishigami.variance().getAsDouble());
for (int i = 0; i < 3; i++) {
    System.out.printf("%-10s %12.6f %12.6f%n", "S " + uq.inputs().get(i), uq.firstOrder(i), ishigami.firstOrder()[i]);
    System.out.printf("%-10s %12.6f %12.6f%n", "ST " + uq.inputs().get(i), uq.total(i), ishigami.total()[i]);
}
"""),
("md", """
## Store and read back

`.sna` files are checksummed and written atomically; `sna inspect` prints their header.
"""),
("code", """
Path file = Files.createDirectories(root.resolve("results/notebooks")).resolve("ishigami.sna");
SnaModelFile.write(withInputs, file);
SnaModel back = SnaModelFile.read(file);
System.out.println(file.getFileName() + ": " + Files.size(file) + " bytes, identical after reading back: "
        + back.equals(withInputs));
"""),
])
