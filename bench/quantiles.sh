#!/usr/bin/env bash
# Exact quantiles of 10^8 samples by the bracketed two-pass method, on the driver's side without Spark, under a
# 1 GB heap; the one-pass REQ and KLL sketches timed beside it (sna-core's QuantileTwoPassMemory).
# Usage: bench/quantiles.sh [n]   (default 100000000)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
mvn -q -o test-compile -pl sna-core
mvn -q -o dependency:build-classpath -pl sna-core -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/sna-quantiles-cp.txt
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx1g -cp "sna-core/target/test-classes:sna-core/target/classes:$(cat /tmp/sna-quantiles-cp.txt)" \
    org.snauq.bench.QuantileTwoPassMemory "$@"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
