#!/usr/bin/env bash
# Distributed ALS benchmark (issue 16 point 2): a 7-input model trained by `sna train --distributed` from N
# generated rows (Parquet, `sna generate`) on local[2] with a 1 GB driver heap (local mode runs the executors in the
# driver JVM, so -Xmx1g is the whole job's heap), beside the in-memory trainer on a 10^6-row subset (the first
# SUBSET rows of another generated dataset, same laws) at the same settings. Prints wall time, peak resident set
# size, the largest heap in use after a GC, and both validation errors; the load average before and after.
# Usage: bench/distributed-train.sh [N] [SUBSET]   (default 10000000 1000000); needs bin/sna, /usr/bin/time, python3.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sna-dtrain.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
N=${1:-10000000}
SUBSET=${2:-1000000}
# fixed resolution: the search runs in memory (pick it on a sample); rank 3 covers the expression's three terms
SETTINGS=(--response y --degree 3 --knots 8 --rank 3)

cat >"$WORK/inputs.yaml" <<'YAML'
name: distributed-train
model: {expr: "exp(-x1) * sin(2 * x2) * (1 + x3) + x4 * x5 * x5 + x6 * cos(x7)"}
inputs:
  - {name: x1, dist: uniform, lower: 0, upper: 1}
  - {name: x2, dist: uniform, lower: 0, upper: 1}
  - {name: x3, dist: uniform, lower: 0, upper: 1}
  - {name: x4, dist: normal, mean: 0, sd: 1}
  - {name: x5, dist: uniform, lower: -1, upper: 1}
  - {name: x6, dist: lognormal, mu: 0, sigma: 0.5}
  - {name: x7, dist: uniform, lower: 0, upper: 3}
sampling: {design: mc, n: 1000, seed: 1}
YAML
EXPR=$(sed -n 's/^model: {expr: "\(.*\)"}$/\1/p' "$WORK/inputs.yaml")

"$ROOT/bin/sna" --version >/dev/null # builds the jar on first use
"$ROOT/bin/sna" generate --expr "$EXPR" --inputs "$WORK/inputs.yaml" --n "$N" --seed 1 --master 'local[2]' \
  --output "$WORK/big.parquet" >/dev/null
"$ROOT/bin/sna" generate --expr "$EXPR" --inputs "$WORK/inputs.yaml" --n "$SUBSET" --seed 2 --master 'local[2]' \
  --output "$WORK/subset.parquet" >/dev/null

echo "load before: $(uptime)"
SNA_JAVA_OPTS="-Xmx4g -Xlog:gc:file=$WORK/gc-mem.log" \
  /usr/bin/time -v -o "$WORK/time-mem.txt" "$ROOT/bin/sna" train --data "$WORK/subset.parquet" \
  "${SETTINGS[@]}" --output "$WORK/mem.sna" >"$WORK/mem.out" 2>"$WORK/mem.err" || { cat "$WORK/mem.err" >&2; exit 1; }
echo "load between: $(uptime)"
INIT=(--init "$WORK/mem.sna")
[[ ${COLD:-0} == 1 ]] && INIT=()
SNA_JAVA_OPTS="-Xmx1g -Dspark.master=local[2] -Xlog:gc:file=$WORK/gc-dist.log" \
  /usr/bin/time -v -o "$WORK/time-dist.txt" "$ROOT/bin/sna" train --distributed --data "$WORK/big.parquet" \
  "${SETTINGS[@]}" "${INIT[@]}" --output "$WORK/dist.sna" >"$WORK/dist.out" 2>"$WORK/dist.err" \
  || { cat "$WORK/dist.err" >&2; exit 1; }
echo "load after:  $(uptime)"

python3 - "$WORK" "$N" "$SUBSET" "${COLD:-0}" <<'PY'
import re, sys
work, n, subset = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def row(tag, label, rows):
    t = open(f"{work}/time-{tag}.txt").read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", t).group(1).split(":")
    wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
    after = [int(m) for m in re.findall(r"->(\d+)M\(", open(f"{work}/gc-{tag}.log").read())]
    out = open(f"{work}/{tag}.out").read()
    err = re.search(r"chosen rank \d+: training (\S+), validation (\S+), (\d+) sweeps", out)
    q2 = re.search(r"validation rows: Q2 = (.*?),", out)
    print(f"| {label} | {rows:,} | {wall:.0f} | {rss:.0f} | {max(after) if after else 0} | {err.group(2)} "
          f"| {q2.group(1) if q2 else '?'} | {err.group(3)} |")
print("| trainer | rows | wall s | peak RSS (MB) | max heap after GC (MB) | validation rel. RMSE | Q2 | sweeps |")
print("|---|---|---|---|---|---|---|---|")
row("dist", "`--distributed`" + (" (cold)" if sys.argv[4] == "1" else " --init (subset model)")
    + ", local[2], -Xmx1g", n)
row("mem", "in memory, -Xmx4g", subset)
PY
