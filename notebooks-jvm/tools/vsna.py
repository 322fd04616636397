import nb
JARS = """%jars ../../spark-jobs/target/sna-uq-0.1.0-SNAPSHOT-spark.jar"""
nb.write("notebooks/03-solve-pde-and-propagate.ipynb", [
("md", """
# Solving a PDE with VSNA and propagating its uncertainty

The parametric diffusion problem -(k u')' = 1 on (0, 1), u(0) = u(1) = 0, with the conductivity k in [1, 10] as
a coordinate (`conf/problems/parametric-diffusion.yaml`), is solved once by VSNA (Galerkin ALS): one SNA
u(x, k) for the whole family. The exact solution is u = x (1 - x) / (2 k). Then the mid-point value u(1/2; k)
is propagated with an uncertain k ~ triangular(1, 3, 10): in closed form, and by sampling on Spark
(`conf/studies/diffusion-solve.yaml`).

Kernel: IJava (Java 17) with the project and Spark on the classpath (see notebook 02).
"""),
("code", JARS + """
import java.nio.file.*;
import java.util.*;
import org.apache.spark.sql.*;
import org.snauq.cli.SnaCli;
import org.snauq.dist.InputSpec;
import org.snauq.model.*;
import org.snauq.uq.*;

Path root = Path.of(System.getProperty("notebooks.root", "../..")).toAbsolutePath().normalize();
Path work = Files.createTempDirectory("sna-vsna");
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
exit
"""),
("code", """
SnaCli.commandLine().execute("inspect", modelFile.toString());
"""),
("code", """
SnaModel u = SnaModelFile.read(modelFile);
for (double k : new double[] {1, 3, 10}) {
    double exact = 0.5 * 0.5 / (2 * k);
    System.out.println(String.format("u(1/2; k=%4.1f) = %.8f   exact %.8f   error %.1e", k,
            u.value(new double[] {0.5, k}), exact, Math.abs(u.value(new double[] {0.5, k}) - exact)));
}
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
runExit
"""),
("code", """
SparkSession spark = SparkSession.builder().getOrCreate();
spark.sql("SELECT method, n, mean, variance, mean_ci_low, mean_ci_high FROM parquet.`"
        + work.resolve("results/run_id=notebook/summary") + "`").show(false);
"""),
])
