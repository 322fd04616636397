#!/bin/sh
# VSNA benchmark (docs/BENCHMARKS.md, section "VSNA"): ALS sweep time vs dimension for Poisson, and solve time vs
# accuracy for the 6-coordinate advection-diffusion problem, METHOD.md section 8 cross-check.
# Usage: bench/vsna.sh [sweep] [parabolic] [method8]   (no argument: all)
set -e
cd "$(dirname "$0")/.."
mvn -q -o test-compile -pl sna-core
mvn -q -o dependency:build-classpath -pl sna-core -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/vsna-cp.txt
java -cp sna-core/target/test-classes:sna-core/target/classes:$(cat /tmp/vsna-cp.txt) \
  org.snauq.galerkin.VsnaBenchmark "$@"
