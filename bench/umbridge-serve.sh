#!/usr/bin/env bash
# `sna serve` as a UM-Bridge server (issue 22, docs/UMBRIDGE.md), tried the way a new user would:
#   1. wrk: Evaluate requests/s and latency percentiles with 8 keep-alive connections (load generator on the same
#      machine), for `sna serve` and, side by side, UM-Bridge's reference Python server (aiohttp) serving a trivial
#      3-input model: the protocol's cost without any model work;
#   2. UM-Bridge's protocol-1.0 conformity tests (pytest) against `sna serve`;
#   3. UM-Bridge's reference Python client: Evaluate equals `sna query`, and a gradient.
# The model: an SNA trained on the shipped Ishigami data (3 inputs, rank 3, cubic, 20 atoms).
# Usage: [ROUNDS=3] bench/umbridge-serve.sh UMBRIDGE_CHECKOUT [SECONDS]
#   UMBRIDGE_CHECKOUT: a clone of https://github.com/UM-Bridge/umbridge (its umbridge/ and testing/ folders)
#   needs: bin/sna (builds on first use), wrk, and Python 3 with aiohttp, requests, jsonschema, pytest, numpy
#   (Debian: apt-get install wrk python3-aiohttp python3-requests python3-jsonschema python3-pytest python3-numpy).
# The load average is printed with each figure: on a shared machine, compare the two servers' rates side by side.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
UMBRIDGE=$(cd "${1:?usage: bench/umbridge-serve.sh UMBRIDGE_CHECKOUT [SECONDS]}" && pwd)
SECONDS_PER_RUN=${2:-15}
ROUNDS=${ROUNDS:-3}
PYTHON=${PYTHON:-python3}
SNA_PORT=4242
REF_PORT=4343
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sna-umbridge.XXXXXX")
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_port() {
  for _ in $(seq 1 300); do
    (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.2
  done
  echo "nothing listens on port $1" >&2
  return 1
}

for port in $SNA_PORT $REF_PORT; do # a leftover server there would be measured instead
  if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is already in use; stop what listens there first" >&2
    exit 1
  fi
done
"$ROOT/bin/sna" train --data "$ROOT/conf/data/ishigami-2000.csv" --response y --rank 3 --degree 3 --knots 20 \
  --output "$WORK/ishigami.sna" >/dev/null
"$ROOT/bin/sna" serve "$WORK/ishigami.sna" --port $SNA_PORT & PIDS+=($!) # bin/sna execs java: $! is the server
SNA_PID=$!

cat >"$WORK/reference_server.py" <<PY
import sys
sys.path.insert(0, "$UMBRIDGE")
import umbridge

class Sum(umbridge.Model):
    """A trivial model: the reference server's own cost per request."""
    def __init__(self):
        super().__init__("ishigami")
    def get_input_sizes(self, config):
        return [3]
    def get_output_sizes(self, config):
        return [1]
    def __call__(self, parameters, config):
        return [[sum(parameters[0])]]
    def supports_evaluate(self):
        return True

umbridge.serve_models([Sum()], $REF_PORT)
PY
"$PYTHON" "$WORK/reference_server.py" >/dev/null 2>&1 & PIDS+=($!)
REF_PID=$!
wait_port $SNA_PORT
wait_port $REF_PORT
kill -0 "$SNA_PID" && kill -0 "$REF_PID" # both still alive: the ports are theirs

cat >"$WORK/evaluate.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"name":"ishigami","input":[[0.5,-1.0,2.0]],"config":{}}'
wrk.headers["Content-Type"] = "application/json"
LUA
# CPU seconds (user + system) a process has used so far
cpu_seconds() {
  awk -v tick="$(getconf CLK_TCK)" '{printf "%.3f", ($14 + $15) / tick}' "/proc/$1/stat"
}

measure() { # NAME PID PORT
  wrk -t1 -c8 -d3s -s "$WORK/evaluate.lua" "http://127.0.0.1:$3/Evaluate" >/dev/null # warm-up
  local c0 c1 out
  c0=$(cpu_seconds "$2")
  out=$(wrk -t1 -c8 -d"${SECONDS_PER_RUN}s" --latency -s "$WORK/evaluate.lua" "http://127.0.0.1:$3/Evaluate")
  c1=$(cpu_seconds "$2")
  echo "$out" | awk -v name="$1" -v c0="$c0" -v c1="$c1" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" '
    /requests in/ {n = $1} /Requests\/sec/ {rps = $2} $1 == "50%" {p50 = $2} $1 == "99%" {p99 = $2}
    /Non-2xx|Socket errors/ {errors = errors " " $0}
    END {printf "%-36s %9.0f requests/s  p50 %-8s p99 %-8s server CPU %5.1f us/request  load %s%s\n",
         name, rps, p50, p99, (c1 - c0) * 1e6 / n, load, errors}'
}

echo "== Evaluate, wrk -t1 -c8 -d${SECONDS_PER_RUN}s --latency ($(nproc) cores)"
for round in $(seq 1 "$ROUNDS"); do
  measure "round $round, sna serve" "$SNA_PID" $SNA_PORT
  measure "round $round, UM-Bridge reference server" "$REF_PID" $REF_PORT
done

echo "== UM-Bridge protocol-1.0 conformity tests against sna serve"
(cd "$UMBRIDGE/testing/protocol_conformity_1.0" && "$PYTHON" -m pytest -q -p no:cacheprovider test_model_schema.py \
  --model_url="http://127.0.0.1:$SNA_PORT" | tail -1)

echo "== UM-Bridge reference Python client"
expected=$("$ROOT/bin/sna" query "$WORK/ishigami.sna" x1=0.5 x2=-1 x3=2)
"$PYTHON" - "$UMBRIDGE" "$SNA_PORT" "$expected" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
import umbridge
model = umbridge.HTTPModel(f"http://127.0.0.1:{sys.argv[2]}", "ishigami")
x = [0.5, -1.0, 2.0]
value = model([x])[0][0]
print("Evaluate", value, "sna query", sys.argv[3], "equal" if value == float(sys.argv[3]) else "DIFFERENT")
print("Gradient", model.gradient(0, 0, [x], [1.0]))
print("ApplyHessian (column x1)", model.apply_hessian(0, 0, 0, [x], [1.0], [1.0, 0.0, 0.0]))
assert value == float(sys.argv[3])
PY
