#!/usr/bin/env bash
# The UM-Bridge client of `model: {umbridge: ...}` (issue 22, docs/UMBRIDGE.md), tried as a new user would, with
# UM-Bridge's own public code:
#   1. UM-Bridge's reference Python server (umbridge.serve_models, aiohttp) serves a model that takes 20 ms a
#      sample (time.sleep) on 8 workers; input sizes [2, 1], y = scale * (x1 + x2 + x3) with `scale` from the
#      request's config (default 1), so a study's config is seen to pass through;
#   2. UM-Bridge's reference Python client (umbridge.HTTPModel) calls it one sample at a time: the sequential rate;
#   3. `sna run` of a study with model: {umbridge: {url, name, config: {scale: 2}, parallel: 8}} on local Spark:
#      samples per second of the sampling phase (from the manifest's timings), and the mean of y, which must be
#      2 * 1.5 = 3 (three U(0, 1) inputs) within its interval.
# Usage: [N=4000] [SEQUENTIAL=200] [ROUNDS=3] bench/umbridge-client.sh UMBRIDGE_CHECKOUT
#   UMBRIDGE_CHECKOUT: a clone of https://github.com/UM-Bridge/umbridge (its umbridge/ folder is imported)
#   needs: bin/sna (builds on first use) and Python 3 with aiohttp, requests and numpy
#   (Debian: apt-get install python3-aiohttp python3-requests python3-numpy; PYTHON=/usr/bin/python3 if another
#   python3 comes first on the PATH).
# The load average is printed with each figure: on a shared machine, compare the two rates side by side.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
UMBRIDGE=$(cd "${1:?usage: bench/umbridge-client.sh UMBRIDGE_CHECKOUT}" && pwd)
N=${N:-4000}
SEQUENTIAL=${SEQUENTIAL:-200}
ROUNDS=${ROUNDS:-3}
PYTHON=${PYTHON:-python3}
PORT=${PORT:-4343}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sna-umbridge-client.XXXXXX")
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

if (echo >"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "port $PORT is already in use; stop what listens there first (or set PORT)" >&2
  exit 1
fi

cat >"$WORK/slow_server.py" <<PY
import sys, time
sys.path.insert(0, "$UMBRIDGE")
import umbridge

class Slow(umbridge.Model):
    """20 ms a sample, as a small simulation would take; config {"scale": s} scales the output."""
    def __init__(self):
        super().__init__("slow")
    def get_input_sizes(self, config):
        return [2, 1]
    def get_output_sizes(self, config):
        return [1]
    def __call__(self, parameters, config):
        time.sleep(0.020)
        return [[config.get("scale", 1.0) * (sum(parameters[0]) + sum(parameters[1]))]]
    def supports_evaluate(self):
        return True

umbridge.serve_models([Slow()], $PORT, max_workers=8)
PY
"$PYTHON" "$WORK/slow_server.py" >"$WORK/server.log" 2>&1 & PIDS+=($!)
SERVER_PID=$!
for _ in $(seq 1 150); do
  (echo >"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  sleep 0.2
done
kill -0 "$SERVER_PID" || { cat "$WORK/server.log" >&2; exit 1; }

cat >"$WORK/study.yaml" <<YAML
name: umbridge-bench
model:
  umbridge: {url: "http://127.0.0.1:$PORT", name: slow, config: {scale: 2.0}, outputs: [y], parallel: 8,
             timeout: 60, retries: 3}
inputs:
  - {name: x1, dist: uniform, lower: 0.0, upper: 1.0}
  - {name: x2, dist: uniform, lower: 0.0, upper: 1.0}
  - {name: x3, dist: uniform, lower: 0.0, upper: 1.0}
sampling: {design: mc, n: $N, seed: 7}
statistics: {moments: true, quantiles: [0.5], histogram: false}   # a histogram would cost a pilot on the driver
YAML

sequential() { # samples per second of the reference client, one sample at a time
  "$PYTHON" - "$UMBRIDGE" "$PORT" "$SEQUENTIAL" <<'PY'
import random, sys, time
sys.path.insert(0, sys.argv[1])
import umbridge
model = umbridge.HTTPModel(f"http://127.0.0.1:{sys.argv[2]}", "slow")
n = int(sys.argv[3])
rng = random.Random(7)
points = [[[rng.random(), rng.random()], [rng.random()]] for _ in range(n)]
t0 = time.perf_counter()
for p in points:
    model(p, {"scale": 2.0})
print(f"{n / (time.perf_counter() - t0):.1f}")
PY
}

sna_rate() { # samples per second of the sampling phase of `sna run`, and the mean with its interval
  local out="$WORK/out-$1"
  "$ROOT/bin/sna" run "$WORK/study.yaml" --output "$out" --run-id "r$1" >"$WORK/run-$1.log" 2>&1 \
    || { cat "$WORK/run-$1.log" >&2; exit 1; }
  "$PYTHON" - "$out/_runs/run_id=r$1/manifest.json" "$N" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
ms = m["timings_ms"]["sampling"]
print(f"{int(sys.argv[2]) * 1000.0 / ms:.1f}")
PY
}

echo "== UM-Bridge reference server, 20 ms model, 8 workers; $N samples through sna, $SEQUENTIAL through the"\
     "reference client ($(nproc) cores)"
for round in $(seq 1 "$ROUNDS"); do
  seq_rate=$(sequential)
  sna=$(sna_rate "$round")
  printf "round %d: reference client one at a time %7.1f samples/s   sna parallel 8 %7.1f samples/s   %5.1fx" \
    "$round" "$seq_rate" "$sna" "$(echo "$sna / $seq_rate" | bc -l)"
  echo "   load $(cut -d' ' -f1-3 /proc/loadavg)"
done
echo "== the config reached the model: mean of y = scale * 1.5 = 3 within the run's interval"
"$PYTHON" - "$WORK/out-1" <<'PY'
import glob, json, sys
m = json.load(open(glob.glob(sys.argv[1] + "/_runs/run_id=*/manifest.json")[0]))
print("model:", json.dumps(m["model"], sort_keys=True))
PY
"$PYTHON" - "$WORK/out-1/_runs/run_id=r1/report.html" <<'PY'
import re, sys
html = open(sys.argv[1]).read()
row = re.search(r'<table id="summary-y">.*?<tbody><tr>(.*?)</tr>', html).group(1)
v = [float(x) for x in re.findall(r'data-value="([^"]+)"', row)]  # n, mean, variance, std, ..., mean CI low, high
print(f"mean of y {v[1]:.4f}, interval [{v[-2]:.4f}, {v[-1]:.4f}] over {int(v[0])} samples:",
      "contains 3" if v[-2] <= 3 <= v[-1] else "DOES NOT contain 3")
PY
