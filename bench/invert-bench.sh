#!/usr/bin/env bash
# Benchmarks of issue 13 phase 2 (docs/BENCHMARKS.md, "Inversion and the LPBF sweep by material"):
#   (a) batch inversion: SETS observation sets (default 10,000) of the Inconel 718 case through
#       `sna invert --observations` on MASTER (default local[2]), conf/inversions/inconel718-batch.yaml (4 melt-pool
#       QoIs + 5 surface temperatures, MAP + Laplace, 4 starts). The table is made from the SNA itself at random
#       (eta, s) with 1 % noise and written as Parquet (untimed). Prints the whole command's wall time (JVM start
#       included) and its phases;
#   (b) one inversion with 10,000 posterior draws (conf/inversions/inconel718-absorptivity.yaml), without Spark;
#   (c) the 1,000,000-query forward sweep (conf/studies/lpbf5d-sweep.yaml) for each material on MASTER: the sweep
#       phase (after Spark started) and the whole command.
# The load average is printed before and after: on a shared machine, say it with the figures.
# Usage: bench/invert-bench.sh [SETS] [MASTER]; needs bin/sna, jshell and the model results/lpbf5d.sna
#   (bin/sna solve conf/problems/lpbf5d.yaml --output results/lpbf5d.sna, ~200 s).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SETS=${1:-10000}
MASTER=${2:-local[2]}
MODEL=$ROOT/results/lpbf5d.sna
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sna-invert.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
[[ -f $MODEL ]] || { echo "no $MODEL: bin/sna solve conf/problems/lpbf5d.yaml --output $MODEL" >&2; exit 2; }

"$ROOT/bin/sna" --version >/dev/null # builds the jar on first use
TARGET=$ROOT/spark-jobs/target
VERSION=$(sed -n '/<artifactId>sna-uq-parent<\/artifactId>/{n;s:.*<version>\(.*\)</version>.*:\1:p;q;}' "$ROOT/pom.xml")
CP="$TARGET/sna-uq-$VERSION-spark.jar:$(cat "$TARGET/runtime-classpath.txt")"
opens=()
for f in $(sed -n 's/^jvm\.opens=//p' "$TARGET/classes/org/snauq/cli/build.properties"); do opens+=("-R$f"); done

# SETS observation sets: the SNA's QoIs and temperatures at random (eta, s), times (1 + 0.01 N(0, 1)) each.
(cd "$WORK" && jshell --class-path "$CP" "${opens[@]}" -R-Xmx2g -q >/dev/null 2>&1) <<JSH
import org.snauq.model.*; import org.snauq.thermal.*; import org.snauq.datasets.pde.MaterialFile; import java.util.*;
import org.apache.spark.sql.*; import org.apache.spark.sql.types.*;
var model = new MovingSourceModel(SnaModelFile.read(java.nio.file.Path.of("$MODEL")),
    new ThermalScaling(MaterialFile.shipped(java.nio.file.Path.of("$ROOT"), "inconel718"), 300, 1));
double[][] at = {{-22, 0, 0}, {-20, 0, 0}, {-18, 1.5, 0}, {-12, 3, 0}, {-6, 3.5, 0}};
String[] names = {"peak", "length", "width", "depth", "t1", "t2", "t3", "t4", "t5"};
var rows = new ArrayList<Row>(); double[] pool = new double[5];
for (long id = 0; id < $SETS; id++) { var r = new SplittableRandom(1_000_003L * id + 13);
  double[] in = {0.25 + 0.2 * r.nextDouble(), 0.8 + 0.45 * r.nextDouble(), 285, 0.96, 5e-5, 0};
  model.meltPool(in, pool, null); Object[] v = new Object[10]; v[0] = id;
  for (int q = 0; q < 4; q++) v[1 + q] = pool[q] * (1 + 0.01 * r.nextGaussian());
  for (int t = 0; t < 5; t++) v[5 + t] = model.temperature(in, at[t][0], at[t][1], at[t][2], null) * (1 + 0.01 * r.nextGaussian());
  rows.add(RowFactory.create(v)); }
var fields = new ArrayList<StructField>(); fields.add(DataTypes.createStructField("observation_id", DataTypes.LongType, false));
for (String n : names) fields.add(DataTypes.createStructField(n, DataTypes.DoubleType, false));
var spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
spark.createDataFrame(rows, new StructType(fields.toArray(new StructField[0]))).coalesce(1).write().parquet("$WORK/sets.parquet");
spark.stop();
/exit
JSH
[[ -d $WORK/sets.parquet ]] || { echo "making the observation table failed" >&2; exit 1; }

phases() { # the phase lines of a command's stderr: "name (seconds)" (Spark's progress bar shares lines: split at \r)
  tr '\r' '\n' <"$1" | sed -n 's/^sna \[ *\([0-9.]*\) s\] \(.*\) (\([0-9.]*\) s)$/  \1 s  \2 (\3 s)/p'
}
timed() { # timed LOG COMMAND...: wall seconds of the command on stdout
  local log=$1; shift
  local start; start=$(date +%s.%N)
  "$@" >/dev/null 2>"$log"
  echo "$(date +%s.%N) - $start" | bc
}

echo "load before: $(uptime)"
echo "(a) $SETS observation sets, MAP + Laplace, on $MASTER"
wall=$(timed "$WORK/a.log" "$ROOT/bin/sna" invert "$MODEL" "$ROOT/conf/inversions/inconel718-batch.yaml" \
  --observations "$WORK/sets.parquet" --master "$MASTER" --output "$WORK/batch" --run-id a)
phases "$WORK/a.log"
echo "  whole command (JVM start included): $wall s"

echo "(b) one inversion, 10,000 draws + 4 x 1,000 burn-in, 4 MAP starts (no Spark)"
wall=$(timed "$WORK/b.log" "$ROOT/bin/sna" invert "$MODEL" "$ROOT/conf/inversions/inconel718-absorptivity.yaml" \
  --output "$WORK/single" --run-id b)
phases "$WORK/b.log"
echo "  whole command (JVM start included): $wall s"

for material in inconel718 ti6al4v ss316l; do
  echo "(c) 1,000,000-query sweep, $material, on $MASTER"
  sed "s/^\(  *qoi: {melt-pool: {material: \)inconel718/\1$material/" "$ROOT/conf/studies/lpbf5d-sweep.yaml" \
    | sed "s|^output: .*|output: $WORK/sweep-$material|; s|results/lpbf5d.sna|$MODEL|" >"$WORK/sweep-$material.yaml"
  wall=$(timed "$WORK/c-$material.log" "$ROOT/bin/sna" run "$WORK/sweep-$material.yaml" --master "$MASTER")
  phases "$WORK/c-$material.log"
  echo "  whole command (JVM start included): $wall s"
done
echo "load after:  $(uptime)"
