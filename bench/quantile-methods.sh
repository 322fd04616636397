#!/usr/bin/env bash
# Quantile methods of `sna run` side by side (issue 14 point 1): n Monte Carlo samples of the Ishigami function with
# seven quantiles p = 0.001 .. 0.999, by the default two-pass method (exact order statistics: a KLL first pass, then a
# second pass that keeps only the values inside the brackets; nothing collected but those) and by the one-pass REQ
# sketch, on local[2] with a 1 GB heap (-Xmx1g; local mode runs the executors in the driver JVM, so this is the whole
# job's heap). Printed per method: the whole command's wall time, the sampling and second-pass phases (manifest),
# the largest heap in use after a GC (-Xlog:gc) and the peak RSS (/usr/bin/time), and the quantile rows.
# Usage: bench/quantile-methods.sh [N]   (default 100000000); needs bin/sna, /usr/bin/time, python3.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sna-quantiles.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
N=${1:-100000000}
METHODS=(two-pass sketch)

"$ROOT/bin/sna" --version >/dev/null # builds the jar on first use
study() { # $1 method, $2 n
  cat <<YAML
name: quantiles
model: {function: ishigami}
inputs:
  - {name: x1, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
  - {name: x2, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
  - {name: x3, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
sampling: {design: mc, n: $2, seed: 1}
statistics: {moments: true, quantiles: [0.001, 0.01, 0.05, 0.5, 0.95, 0.99, 0.999], quantile-method: $1,
             histogram: false}
YAML
}
study two-pass 10000 >"$WORK/warm.yaml" # an untimed run first: it makes bin/sna's class-data-sharing archive
"$ROOT/bin/sna" run "$WORK/warm.yaml" --master 'local[2]' --output "$WORK/warm" --run-id warm >/dev/null 2>&1

echo "load before: $(uptime)"
for m in "${METHODS[@]}"; do
  study "$m" "$N" >"$WORK/$m.yaml"
  SNA_JAVA_OPTS="-Xmx1g -Xlog:gc:file=$WORK/gc-$m.log" /usr/bin/time -v -o "$WORK/time-$m.txt" \
    "$ROOT/bin/sna" run "$WORK/$m.yaml" --master 'local[2]' --output "$WORK/out" --run-id "$m" \
    >/dev/null 2>"$WORK/run-$m.log" || { cat "$WORK/run-$m.log" >&2; exit 1; }
done
echo "load after:  $(uptime)"

python3 - "$WORK" "$N" "${METHODS[@]}" <<'PY'
import json, re, subprocess, sys
work, n, methods = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
print(f"n = {n:,}")
print("| method | command s | sampling s | second pass s | max heap after GC (MB) | peak RSS (MB) |")
print("|---|---|---|---|---|---|")
for m in methods:
    t = open(f"{work}/time-{m}.txt").read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", t).group(1).split(":")
    wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
    after = [int(x) for x in re.findall(r"->(\d+)M\(", open(f"{work}/gc-{m}.log").read())]
    tm = json.load(open(f"{work}/out/_runs/run_id={m}/manifest.json"))["timings_ms"]
    second = sum(v for k, v in tm.items() if k.startswith("second_pass")) / 1000
    print(f"| {m} | {wall:.1f} | {tm['sampling'] / 1000:.2f} | {second:.2f} | {max(after) if after else 0} "
          f"| {rss:.0f} |")
PY
for m in "${METHODS[@]}"; do grep -h "second pass\|sampling done" "$WORK/run-$m.log" || true; done
