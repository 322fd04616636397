#!/usr/bin/env bash
# Report rendering benchmark (issue 17 point 1): how long `sna run` takes to render report.html after its tables
# are written, on the shipped Ishigami study (2^16 base rows, Sobol' indices, 64-bin histogram), from the phase
# lines on stderr ("report rendered (x s)" follows "tables written"); and `sna report`'s whole command (JVM start,
# reading the tables back with parquet-hadoop, rendering, writing) on the same run. Each case RUNS times after one
# untimed warm-up run; the load average is printed before and after (a shared machine: compare within one run).
# Usage: bench/report-bench.sh [RUNS]   (default 5); needs bin/sna.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${1:-5}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sna-report.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
STUDY=$ROOT/conf/studies/ishigami-sobol.yaml

"$ROOT/bin/sna" run "$STUDY" --master 'local[2]' --output "$WORK/out" --run-id warm >/dev/null 2>&1
echo "load before: $(uptime)"
render=()
report=()
for i in $(seq "$RUNS"); do
  "$ROOT/bin/sna" run "$STUDY" --master 'local[2]' --output "$WORK/out" --run-id "r$i" >/dev/null 2>"$WORK/run-$i.log"
  render+=("$(sed -n 's/.*report rendered (\([0-9.]*\) s).*/\1/p' "$WORK/run-$i.log")")
  start=$(date +%s.%N)
  "$ROOT/bin/sna" report "$WORK/out" --run-id "r$i" >/dev/null
  report+=("$(echo "$(date +%s.%N) - $start" | bc)")
done
echo "load after:  $(uptime)"
echo "sna run, report phase after the tables (s): ${render[*]}"
echo "sna report, whole command incl. JVM start (s): ${report[*]}"
echo "report.html: $(wc -c <"$WORK/out/_runs/run_id=r1/report.html") bytes"
