#!/usr/bin/env bash
# Cluster benchmark (issue 8): the same Sobol' study -- 2^20 base rows, 7 inputs (9 x 2^20 evaluations of a
# rank-16 cubic SNA with 24 atoms per input) -- on local[2] and on a 2-worker x 1-core standalone cluster on this
# machine (bin/sna-cluster), so both use the same two cores. Prints, per master: the wall time of the whole
# `sna run` process and of its phases (manifest.json), and from Spark's event log the task time split into
# compute (executor run time), task deserialisation, result serialisation, fetching results and scheduler delay,
# i.e. what a real cluster adds over local mode.
#
# Usage: bench/cluster-bench.sh [ROWS]   (default 1048576); needs bin/sna (builds on first use), jshell, python3.
# The cluster lives in work/cluster-bench/ (git-ignored) and is stopped on exit.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROWS=${1:-1048576}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sna-cluster-bench.XXXXXX")
export SNA_CLUSTER_HOME=$ROOT/work/cluster-bench
trap '"$ROOT/bin/sna-cluster" stop >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

"$ROOT/bin/sna" --version >/dev/null # builds the jar on first use
VERSION=$(sed -n '/<artifactId>sna-uq-parent<\/artifactId>/{n;s:.*<version>\(.*\)</version>.*:\1:p;q;}' "$ROOT/pom.xml")
JAR=$ROOT/spark-jobs/target/sna-uq-$VERSION-spark.jar

# A random 7-input rank-16 SNA, cubic atoms, 24 per input on [0, 1], written with the product's file format.
jshell --class-path "$JAR" -q >/dev/null <<JSH
import org.snauq.basis.*; import org.snauq.model.*; import java.util.*;
var rng = new SplittableRandom(7); int dim = 7, rank = 16, atoms = 24;
var names = new ArrayList<String>(); var bases = new ArrayList<BSplineBasis>(); var w = new double[dim][];
for (int d = 0; d < dim; d++) { names.add("z" + d); bases.add(BSplineBasis.clampedUniform(3, atoms, 0, 1)); w[d] = new double[atoms * rank]; for (int i = 0; i < w[d].length; i++) w[d][i] = 1 + 0.5 * rng.nextDouble(-1, 1); }
var lambda = new double[rank]; for (int r = 0; r < rank; r++) lambda[r] = rng.nextDouble(0.5, 1.5);
SnaModelFile.write(SnaModel.of(names, bases, lambda, w, "y"), java.nio.file.Path.of("$WORK/bench.sna"));
/exit
JSH
[[ -f $WORK/bench.sna ]] || { echo "cluster-bench: jshell did not write the model" >&2; exit 1; }

{
  echo "name: cluster-bench"
  echo "model: {sna: $WORK/bench.sna}"
  echo "inputs:"
  for d in 0 1 2 3 4 5 6; do echo "  - {name: z$d, dist: uniform, lower: 0.0, upper: 1.0}"; done
  echo "sampling: {design: sobol, n: $ROWS, seed: 1}"
  echo "statistics: {moments: true, quantiles: [], histogram: false, sobol: true, analytic: false}"
} >"$WORK/study.yaml"

run() { # NAME MASTER
  local name=$1 master=$2 start end
  mkdir -p "$WORK/events-$name"
  start=$(date +%s%N)
  SNA_JAVA_OPTS="-Dspark.eventLog.enabled=true -Dspark.eventLog.dir=file://$WORK/events-$name -Dspark.eventLog.compress=false" \
    "$ROOT/bin/sna" run "$WORK/study.yaml" --master "$master" --output "$WORK/out-$name" --run-id bench \
    >/dev/null 2>"$WORK/$name.log" || { cat "$WORK/$name.log" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(((end - start) / 1000000)) >"$WORK/$name.wall"
}

run local 'local[2]'
echo "cluster-bench: starting a 2-worker cluster ..." >&2
cluster_start=$(date +%s%N)
URL=$("$ROOT/bin/sna-cluster" start --workers 2 --cores 1 --memory 1g | tail -n 1)
echo $((($(date +%s%N) - cluster_start) / 1000000)) >"$WORK/cluster-start.wall"
run cluster "$URL"

python3 - "$WORK" "$ROWS" <<'PY'
import glob, json, sys
work, rows = sys.argv[1], int(sys.argv[2])

def events(name):  # a plain log file, or a rolling log's folder of events_<n>_* files (Spark 4's default)
    out = []
    for path in sorted(glob.glob(f"{work}/events-{name}/*") + glob.glob(f"{work}/events-{name}/*/events_*")):
        if not path.endswith("/") and not glob.os.path.isdir(path) and "appstatus" not in path:
            with open(path) as f:
                out += [json.loads(line) for line in f if line.strip()]
    return out

def task_split(evs):
    t = {"tasks": 0, "duration": 0, "run": 0, "deser": 0, "resser": 0, "fetch": 0, "sched": 0, "gc": 0}
    for e in evs:
        if e["Event"] != "SparkListenerTaskEnd" or "Task Metrics" not in e:
            continue
        info, m = e["Task Info"], e["Task Metrics"]
        dur = info["Finish Time"] - info["Launch Time"]
        fetch = info["Finish Time"] - info["Getting Result Time"] if info.get("Getting Result Time", 0) > 0 else 0
        run, deser, resser = m["Executor Run Time"], m["Executor Deserialize Time"], m["Result Serialization Time"]
        t["tasks"] += 1
        t["duration"] += dur
        t["run"] += run
        t["deser"] += deser
        t["resser"] += resser
        t["fetch"] += fetch
        t["gc"] += m.get("JVM GC Time", 0)
        t["sched"] += max(0, dur - run - deser - resser - fetch)  # Spark UI's "scheduler delay"
    return t

print(f"Sobol' study, {rows:,} base rows x 7 inputs = {9 * rows:,} SNA evaluations; 2 cores either way")
print()
head = ["master", "process wall s", "spark start s", "executors up s", "sampling s", "tables s", "tasks", "task time s",
        "compute", "deserialise", "result ser.", "fetch", "scheduler delay", "GC"]
print("| " + " | ".join(head) + " |")
print("|" + "---|" * len(head))
for name, label in (("local", "local[2]"), ("cluster", "spark:// 2 workers x 1 core")):
    m = json.load(open(f"{work}/out-{name}/_runs/run_id=bench/manifest.json"))["timings_ms"]
    wall = int(open(f"{work}/{name}.wall").read()) / 1000
    evs = events(name)
    t = task_split(evs)
    app = min(e["Timestamp"] for e in evs if e["Event"] == "SparkListenerApplicationStart")
    added = [e["Timestamp"] for e in evs if e["Event"] == "SparkListenerExecutorAdded" and e["Executor ID"] != "driver"]
    up = f"{(max(added) - app) / 1000:.2f}" if added else "-"
    d = t["duration"] or 1
    pct = lambda k: f"{100 * t[k] / d:.1f}%"
    print(f"| {label} | {wall:.1f} | {m.get('spark', 0) / 1000:.2f} | {up} | {m.get('sampling', 0) / 1000:.2f} | "
          f"{m.get('tables', 0) / 1000:.2f} | {t['tasks']} | {t['duration'] / 1000:.1f} | {pct('run')} | "
          f"{pct('deser')} | {pct('resser')} | {pct('fetch')} | {pct('sched')} | {pct('gc')} |")
start = int(open(f"{work}/cluster-start.wall").read()) / 1000
print()
print(f"cluster start (bin/sna-cluster start, master + 2 workers registered): {start:.1f} s, not in the table.")
print("executors up = from the application's start to the last executor registered (local: none to wait for).")
print("task time = sum over tasks of finish - launch; the columns split it (compute = executor run time;")
print("scheduler delay = the rest: launching, shipping the task and its result, as in Spark's UI).")
PY
