#!/bin/sh
# VSNA benchmark (docs/BENCHMARKS.md, section "VSNA"): ALS sweep time vs dimension for Poisson (D = 10 to 1,000),
# rank-2 Poisson errors against the best-approximation floor, recompression of a 4-D problem's lifting, solve time
# vs accuracy for the 6-coordinate advection-diffusion problem, METHOD.md section 8 cross-check, and nonlinear
# Burgers (viscous at nu = 0.01/pi and nu in [0.02, 0.1], inviscid before and after the shock).
# Usage: bench/vsna.sh [sweep] [highd] [recompress] [parabolic] [method8]   (no argument: all of these)
#        bench/vsna.sh burgers [classic] [parametric] [inviscid] [moving]  (no part: all four; about 2 CPU minutes)
set -e
cd "$(dirname "$0")/.."
if [ "$1" = burgers ]; then
  shift
  mvn -q -o test-compile -pl datasets -am
  mvn -q -o dependency:build-classpath -pl datasets -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/vsna-cp.txt
  exec java -cp datasets/target/test-classes:datasets/target/classes:sna-core/target/classes:$(cat /tmp/vsna-cp.txt) \
    org.snauq.datasets.pde.BurgersBenchmark "$@"
fi
mvn -q -o test-compile -pl sna-core
mvn -q -o dependency:build-classpath -pl sna-core -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/vsna-cp.txt
java -cp sna-core/target/test-classes:sna-core/target/classes:$(cat /tmp/vsna-cp.txt) \
  org.snauq.galerkin.VsnaBenchmark "$@"
