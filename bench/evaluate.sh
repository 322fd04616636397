#!/usr/bin/env bash
# Builds sna-core's test classes offline and runs the JMH benchmarks of the SNA batch kernel and of one ALS fit
# on one thread, one fork. Extra arguments go to JMH (e.g. a regex to pick benchmarks, -wi 5 -i 10).
# Usage: bench/evaluate.sh [JMH options]   (default: EvaluateBenchmark and AlsFitBenchmark; e.g. bench/evaluate.sh EvaluateBenchmark)
#        bench/evaluate.sh --cpu           (the evaluation kernel timed by thread CPU time, for shared machines)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o test-compile -pl sna-core
cp_file=sna-core/target/bench.classpath
mvn -q -o dependency:build-classpath -pl sna-core -Dmdep.includeScope=test -Dmdep.outputFile="$(pwd)/$cp_file" >/dev/null
cp="sna-core/target/test-classes:sna-core/target/classes:$(cat "$cp_file")"
if [ "${1:-}" = "--cpu" ]; then
  # points per CPU-second of the same kernel: meaningful when other jobs share the cores
  exec java -cp "$cp" org.snauq.bench.EvaluateCpuTime
fi
args=("$@")
if [ ${#args[@]} -eq 0 ]; then
  args=("org.snauq.bench.(EvaluateBenchmark|AlsFitBenchmark)")
fi
exec java -cp "$cp" org.openjdk.jmh.Main -f 1 -t 1 "${args[@]}"
