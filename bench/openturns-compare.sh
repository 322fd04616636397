#!/usr/bin/env bash
# SNA-UQ against OpenTURNS on the same work (issue 7): Ishigami and borehole, 500 / 2,000 / 10,000 training
# points; ALS SNA vs OpenTURNS' TensorApproximationAlgorithm and FunctionalChaosAlgorithm: validation error and
# training time, 10^6 surrogate evaluations, Sobol' indices with the same base sample size. Prints one table.
#
#   bench/openturns-compare.sh [WORK_DIR]        (default target/openturns-compare)
#
# OpenTURNS is never a dependency of SNA-UQ; this script installs Debian's python3-openturns when it is missing
# (needs root) and runs it with the system Python. Not part of `mvn verify`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$root/target/openturns-compare}
py=/usr/bin/python3
mkdir -p "$work"

if ! $py -c 'import openturns' 2>/dev/null; then
  echo "installing python3-openturns (apt-get)" >&2
  apt-get update -qq && apt-get install -y -qq python3-openturns >/dev/null
fi
echo "OpenTURNS $($py -c 'import openturns; print(openturns.__version__)'), $(java -version 2>&1 | head -1)" >&2

# the project's classes and their dependencies (reactor build, no install)
(cd "$root" && mvn -q -o compile dependency:build-classpath -pl datasets -am \
   -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=runtime >/dev/null)
cp="$root/sna-core/target/classes:$root/datasets/target/classes:$(cat "$work/classpath.txt")"

[ -f "$work/reference.json" ] || $py "$root/bench/openturns_compare.py" prepare "$work"
load() { echo "load average $(cut -d' ' -f1-3 /proc/loadavg) ($1)" >&2; }
load "before the SNA-UQ side"
echo "SNA-UQ side ..." >&2
java -Xmx4g -cp "$cp" "$root/bench/openturns-sna.java" "$work" >&2
load "after the SNA-UQ side"
echo "OpenTURNS side ..." >&2
$py "$root/bench/openturns_compare.py" ot "$work" >&2
load "after the OpenTURNS side"
$py "$root/bench/openturns_compare.py" table "$work"
