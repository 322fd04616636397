import nb
JARS = """%jars ../../spark-jobs/target/sna-uq-0.1.0-SNAPSHOT-spark.jar"""
nb.write("notebooks/02-sobol-study-and-tables.ipynb", [
("md", """
# Running a Sobol' study and querying its tables

`sna run` propagates a study's input uncertainty through its model on Spark and writes Parquet tables under
`<output>/run_id=<ID>/` (DESIGN.md section 4). Here we run the shipped Ishigami study in-process through the
command-line class, query the tables with Spark SQL, compare the Sobol' indices with the exact ones and render
the HTML report.

Kernel: IJava (Java 17) with the project and Spark on the classpath (the `%jars` line; Spark jars too, e.g.
`%jars $SPARK_HOME/jars/*.jar`). In the build, `NotebookRunner` runs every cell on the test classpath.
"""),
("code", JARS + """
import java.nio.file.*;
import java.util.*;
import org.apache.spark.sql.*;
import org.snauq.cli.SnaCli;
import org.snauq.datasets.Ishigami;
import org.snauq.report.ReportWriter;

Path root = Path.of(System.getProperty("notebooks.root", "../..")).toAbsolutePath().normalize();
Path out = Files.createTempDirectory("sna-results");
// the shipped study with 2^14 base rows instead of 2^16, to keep the notebook quick
Path study = out.resolve("ishigami-sobol.yaml");
Files.writeString(study, Files.readString(root.resolve("conf/studies/ishigami-sobol.yaml"))
        .replace("n: 65536", "n: 16384"));
System.out.println("study " + study.getFileName() + ", results under " + out.getFileName());
"""),
("md", """
## Run the study

Exactly what `bin/sna run ishigami-sobol.yaml --output DIR --run-id notebook` does; the exit code is 0 on
success, 2 for bad input. Progress lines go to stderr; the run folder is printed.
"""),
("code", """
int exit = SnaCli.commandLine().execute("run", study.toString(), "--output", out.toString(), "--run-id", "notebook",
        "--master", "local[2]");
Path run = out.resolve("run_id=notebook");
exit
"""),
("md", """
## Query the tables

Each table is a folder of Parquet files; any Parquet reader works (Spark SQL here, DuckDB or pandas elsewhere).
"""),
("code", """
SparkSession spark = SparkSession.builder().getOrCreate();
spark.sql("SELECT method, n, round(mean, 4) AS mean, round(variance, 4) AS variance, round(skewness, 4) AS skewness,"
        + " round(mean_ci_low, 4) AS ci_low, round(mean_ci_high, 4) AS ci_high FROM parquet.`" + run + "/summary`")
        .show(false);
"""),
("code", """
spark.sql("SELECT input, method, round(s1, 4) AS s1, round(s1_ci_low, 4) AS s1_low, round(s1_ci_high, 4) AS s1_high,"
        + " round(st, 4) AS st FROM parquet.`" + run + "/sobol` ORDER BY input, method").show(false);
"""),
("code", """
spark.sql("SELECT probability, round(value, 4) AS value, rank_error FROM parquet.`" + run + "/quantiles`"
        + " ORDER BY probability").show(false);
"""),
("md", """
## Against the exact indices

Ishigami's Sobol' indices are known in closed form (`org.snauq.datasets.Ishigami`). The sampling estimates should
be within their confidence intervals of them, most of the time.
"""),
("code", """
Ishigami ishigami = Ishigami.standard();
List<Row> rows = spark.sql("SELECT input, s1, st FROM parquet.`" + run + "/sobol` WHERE method <> 'analytic'"
        + " ORDER BY input").collectAsList();
for (Row r : rows) {
    int i = ishigami.inputNames().indexOf(r.getString(0));
    System.out.println(String.format("%s  S = %.4f (exact %.4f)   ST = %.4f (exact %.4f)", r.getString(0),
            r.getDouble(1), ishigami.firstOrder()[i], r.getDouble(2), ishigami.total()[i]));
}
"""),
("md", """
## The report

`report.html` is self-contained (inline SVG); `bin/sna report RUN_DIR` re-renders it from the tables.
"""),
("code", """
ReportWriter.write(spark, run.toString());
Path html = run.resolve("report.html");
String page = Files.readString(html);
System.out.println(html.getFileName() + ": " + Files.size(html) + " bytes, " + (page.split("<svg").length - 1) + " figures");
"""),
])
