#!/usr/bin/env bash
# Soak benchmark of `sna run` (issue 18 point 5): 10^6, 10^7 and 10^8 Monte Carlo samples of the Ishigami function
# (moments, quantiles, a 64-bin histogram, exceedance) on local[2] with a 1 GB driver heap (-Xmx1g; local mode runs
# the executors in the driver JVM, so this is the whole job's heap). Memory must not grow with n: printed per n are
# the peak resident set size of the JVM (/usr/bin/time), the largest heap in use after a GC (from -Xlog:gc), the
# wall and CPU seconds of the sampling pass (manifest.json) and the whole command.
# Usage: bench/soak.sh [N ...]   (default 1000000 10000000 100000000); needs bin/sna, /usr/bin/time, python3.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sna-soak.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
SIZES=("${@:-1000000 10000000 100000000}")
read -r -a SIZES <<<"${SIZES[*]}"

"$ROOT/bin/sna" --version >/dev/null # builds the jar on first use
warm() { # an untimed run first: it makes bin/sna's class-data-sharing archive, which costs memory at exit
  cat >"$WORK/warm.yaml" <<YAML
name: soak
model: {function: ishigami}
inputs: [{name: x1, dist: uniform, lower: 0, upper: 1}, {name: x2, dist: uniform, lower: 0, upper: 1},
         {name: x3, dist: uniform, lower: 0, upper: 1}]
sampling: {design: mc, n: 10000, seed: 1}
YAML
  "$ROOT/bin/sna" run "$WORK/warm.yaml" --master 'local[2]' --output "$WORK/warm" --run-id warm >/dev/null 2>&1
}
warm

echo "load before: $(uptime)"
for n in "${SIZES[@]}"; do
  cat >"$WORK/soak-$n.yaml" <<YAML
name: soak
model: {function: ishigami}
inputs:
  - {name: x1, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
  - {name: x2, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
  - {name: x3, dist: uniform, lower: -3.141592653589793, upper: 3.141592653589793}
sampling: {design: mc, n: $n, seed: 1}
statistics: {moments: true, quantiles: [0.001, 0.01, 0.5, 0.99, 0.999], histogram: {bins: 64}, exceedance: [10.0]}
YAML
  SNA_JAVA_OPTS="-Xmx1g -Xlog:gc:file=$WORK/gc-$n.log" /usr/bin/time -v -o "$WORK/time-$n.txt" \
    "$ROOT/bin/sna" run "$WORK/soak-$n.yaml" --master 'local[2]' --output "$WORK/out" --run-id "soak-$n" \
    >/dev/null 2>"$WORK/run-$n.log" || { cat "$WORK/run-$n.log" >&2; exit 1; }
done
echo "load after:  $(uptime)"

python3 - "$WORK" "${SIZES[@]}" <<'PY'
import json, re, sys
work, sizes = sys.argv[1], sys.argv[2:]
print("| n | peak RSS (MB) | max heap after GC (MB) | GCs | sampling s (CPU s) | command s | samples/s |")
print("|---|---|---|---|---|---|---|")
for n in sizes:
    t = open(f"{work}/time-{n}.txt").read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", t).group(1).split(":")
    wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
    after = [int(m) for m in re.findall(r"->(\d+)M\(", open(f"{work}/gc-{n}.log").read())]
    m = json.load(open(f"{work}/out/_runs/run_id=soak-{n}/manifest.json"))
    s, c = m["timings_ms"]["sampling"] / 1000, m["cpu_ms"]["sampling"] / 1000
    print(f"| {int(n):,} | {rss:.0f} | {max(after) if after else 0} | {len(after)} | {s:.2f} ({c:.2f}) | {wall:.1f} "
          f"| {int(n) / s / 1e6:.1f} M |")
PY
