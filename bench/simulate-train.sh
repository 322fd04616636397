#!/usr/bin/env bash
# Simulate, train, propagate in one study (issue 15): conf/studies/borehole-simulate-train.yaml runs 500 LHS
# runs of an external program (conf/simulators/borehole.sh, awk) on the executors, trains an SNA on the driver and
# computes Sobol' indices from 2^18 base rows of it. Prints the end-to-end wall time (JVM start included), the
# phases from the manifest, and the largest difference of the indices (first order and total, every input) from
# the built-in borehole function's on the same Sobol' design (a reference run of the same study with
# model: {function: borehole}: the difference is the surrogate's error alone, sampling error cancels).
# Usage: bench/simulate-train.sh [MASTER]   (default local[2]); needs bin/sna (builds on first use) and jshell.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MASTER=${1:-local[2]}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sna-simtrain.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT" # the study's paths are relative to the folder sna runs in

"$ROOT/bin/sna" --version >/dev/null # builds the jar on first use
TARGET=$ROOT/spark-jobs/target
CP="$(cat "$TARGET/runtime-classpath.txt"):$TARGET/classes"
STUDY=conf/studies/borehole-simulate-train.yaml
awk '/^model:/ { print "model: {function: borehole}"; skip = 1; next } skip && /^  / { next } { skip = 0; print }' \
  "$STUDY" >"$WORK/reference.yaml"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$ROOT/bin/sna" run "$WORK/reference.yaml" --master "$MASTER" --output "$WORK/out" --run-id reference >/dev/null 2>&1
start=$(date +%s%N)
"$ROOT/bin/sna" run "$STUDY" --master "$MASTER" --output "$WORK/out" --run-id simulated 2>"$WORK/log" >/dev/null \
  || { cat "$WORK/log"; exit 1; }
wall=$(( ($(date +%s%N) - start) / 1000000 ))
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
tr '\r' '\n' <"$WORK/log" | grep -oE 'sna \[.*(model ready|sampling done|tables written|run published).*' | sed 's/^/  /'
echo "end to end (JVM start included): $wall ms on $MASTER"

jshell --class-path "$CP" --feedback silent <<JSH 2>/dev/null | sed "s/^\(->  \)*//"
import org.snauq.report.RunData; import org.snauq.results.ResultsOutput;
var out = ResultsOutput.open("$WORK/out", new org.apache.hadoop.conf.Configuration());
var ref = RunData.read(out, "reference").rows("sobol"); var sim = RunData.read(out, "simulated").rows("sobol");
var model = RunData.read(out, "simulated").manifest().get("model");
System.out.printf("simulator: %s runs in %s ms, validation rel. RMSE %.2e, rank %s%n", model.get("simulator").get("runs"), model.get("simulator").get("wall_ms"), model.get("validation_error").asDouble(), model.get("rank"));
double worst = 0; String at = "";
for (var r : ref) { if (!"saltelli".equals(r.get("method"))) continue; for (var s : sim) { if (s.get("method").equals(r.get("method")) && s.get("input").equals(r.get("input"))) { for (String k : new String[] {"s1", "st"}) { double d = Math.abs((Double) s.get(k) - (Double) r.get(k)); System.out.printf("  %-3s %s  function %.4f  SNA %.4f%n", r.get("input"), k, r.get(k), s.get(k)); if (d > worst) { worst = d; at = r.get("input") + " " + k; } } } } }
System.out.printf("largest |index difference|: %.1e (%s); acceptance: < 0.01%n", worst, at);
/exit
JSH
