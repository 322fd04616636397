import nb
nb.write("notebooks/02-sobol-study-and-tables.ipynb", [
("md", """
# Running a Sobol' study and querying its tables

`sna run` propagates a study's input uncertainty through its model on Spark and writes one Parquet table per
statistic, one partition per run: `<output>/<table>/run_id=<ID>/` (docs/FORMATS.md, "Results of `sna run`").
Here we run the shipped Ishigami study in-process through the command-line class, query the tables with Spark
SQL, compare the Sobol' indices with the exact ones, plot them and the output's distribution, and find the HTML
report.
""" + nb.KERNEL),
("code", nb.CLASSPATH + """
import java.nio.file.*;
import java.util.*;
import org.apache.spark.sql.*;
import org.knowm.xchart.*;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.snauq.cli.SnaCli;
import org.snauq.datasets.Ishigami;

Path root = Path.of("../..").toAbsolutePath().normalize();
// bin/sna's logging (warnings, and sna's progress lines); set before anything starts Spark's logging
System.setProperty("log4j2.configurationFile", root.resolve("conf/log4j2.properties").toUri().toString());
Path work = Files.createDirectories(root.resolve("results/notebooks"));
Path out = work.resolve("ishigami-sobol");
// the shipped study with 2^14 base rows instead of 2^16, to keep the notebook quick
Path study = work.resolve("ishigami-sobol.yaml");
Files.writeString(study, Files.readString(root.resolve("conf/studies/ishigami-sobol.yaml"))
        .replace("n: 65536", "n: 16384"));
System.out.println("study " + root.relativize(study) + ", results under " + root.relativize(out));
"""),
("md", """
## Run the study

Exactly what `bin/sna run ishigami-sobol.yaml --output DIR --run-id notebook` does: progress lines on stderr, the
run's folder (its manifest and report) on stdout, and the exit code (0 on success, 2 for bad input). Running the
notebook again replaces run `notebook`.
"""),
("code", """
int exit = SnaCli.commandLine().execute("run", study.toString(), "--output", out.toString(), "--run-id", "notebook",
        "--master", "local[2]");
if (exit != 0) throw new IllegalStateException("sna run: exit code " + exit + " (see its message above)");
exit
"""),
("md", """
## Query the tables

Each table is a folder with one partition per run, `<table>/run_id=<ID>/`, whose files also carry the `study`
and `run_id` columns; we read our run's partition. Any Parquet reader works (Spark SQL here, DuckDB or pandas
elsewhere); docs/FORMATS.md has queries across runs.
"""),
("code", """
SparkSession spark = SparkSession.builder().getOrCreate();
// a table's partition of our run, <output>/<table>/run_id=notebook, for Spark SQL
String table(String name) {
    return "parquet.`" + out.resolve(name).resolve("run_id=notebook") + "`";
}
spark.sql("SELECT method, n, round(mean, 4) AS mean, round(variance, 4) AS variance, round(skewness, 4) AS skewness,"
        + " round(mean_ci_low, 4) AS ci_low, round(mean_ci_high, 4) AS ci_high FROM " + table("summary")).show(false);
"""),
("code", """
spark.sql("SELECT input, method, round(s1, 4) AS s1, round(s1_ci_low, 4) AS s1_low, round(s1_ci_high, 4) AS s1_high,"
        + " round(st, 4) AS st FROM " + table("sobol") + " ORDER BY input, method").show(false);
"""),
("code", """
spark.sql("SELECT probability, round(value, 4) AS value, rank_error FROM " + table("quantiles")
        + " ORDER BY probability").show(false);
"""),
("md", """
## Against the exact indices

Ishigami's Sobol' indices are known in closed form (`org.snauq.datasets.Ishigami`). The sampling estimates should
be within their confidence intervals of them, most of the time.
"""),
("code", """
Ishigami ishigami = Ishigami.standard();
List<Row> rows = spark.sql("SELECT input, s1, st FROM " + table("sobol") + " WHERE method <> 'analytic' ORDER BY input")
        .collectAsList();
List<String> inputs = new ArrayList<>();
List<Double> s1 = new ArrayList<>(), s1Exact = new ArrayList<>(), st = new ArrayList<>(), stExact = new ArrayList<>();
for (Row r : rows) {
    int i = ishigami.inputNames().indexOf(r.getString(0));
    inputs.add(r.getString(0));
    s1.add(r.getDouble(1));
    s1Exact.add(ishigami.firstOrder()[i]);
    st.add(r.getDouble(2));
    stExact.add(ishigami.total()[i]);
    System.out.println(String.format("%s  S = %.4f (exact %.4f)   ST = %.4f (exact %.4f)", r.getString(0),
            r.getDouble(1), ishigami.firstOrder()[i], r.getDouble(2), ishigami.total()[i]));
}
CategoryChart indices = new CategoryChartBuilder().width(720).height(360).title("Sobol' indices, 2^14 base rows")
        .xAxisTitle("input").yAxisTitle("index").build();
indices.addSeries("S (sampling)", inputs, s1);
indices.addSeries("S (exact)", inputs, s1Exact);
indices.addSeries("ST (sampling)", inputs, st);
indices.addSeries("ST (exact)", inputs, stExact);
BitmapEncoder.getBufferedImage(indices)
"""),
("md", """
## The output's distribution

The `histogram` table has exact counts over 64 bins from the sample's minimum to its maximum; divided by n and
the bin width they give the density.
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
XYChart histogram = new XYChartBuilder().width(720).height(360)
        .title("Distribution of y, " + total + " samples").xAxisTitle("y").yAxisTitle("density").build();
histogram.getStyler().setYAxisDecimalPattern("0.00");
histogram.addSeries("histogram", edge, density).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area)
        .setMarker(SeriesMarkers.NONE);
BitmapEncoder.getBufferedImage(histogram)
"""),
("md", """
## The report

`sna run` also wrote `report.html` beside the run's manifest, in `<output>/_runs/run_id=<ID>/`: self-contained
(inline SVG), to open in a browser; `bin/sna report` renders it again from the tables.
"""),
("code", """
Path html = out.resolve("_runs/run_id=notebook/report.html");
String page = Files.readString(html);
System.out.println(root.relativize(html) + ": " + Files.size(html) / 1024 + " KB, " + (page.split("<svg").length - 1)
        + " figures");
"""),
])
