#!/usr/bin/env bash
# Runs the notebooks as NotebooksIT does (each in a fresh kernel JVM in its folder, magics included, with the
# options of target/kernel-jvm-options.txt) and stores their outputs in them. Builds the notebooks' classpath
# first (mvn package without tests). Extra Maven flags in MVN_ARGS (e.g. MVN_ARGS=-o for offline).
#   notebooks-jvm/tools/run-notebooks.sh [NOTEBOOK.ipynb...]    (default: every notebook)
set -euo pipefail
module=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
read -r -a mvn_args <<<"${MVN_ARGS:-}"
(cd "$module/.." && mvn -q -B "${mvn_args[@]}" package -DskipTests -pl notebooks-jvm -am)
cd "$module"
read -r -a jvm_options <<<"$(cat target/kernel-jvm-options.txt)"
kernel=()
for o in "${jvm_options[@]}"; do kernel+=(--kernel-option "$o"); done
[[ $# -gt 0 ]] || set -- notebooks/*.ipynb
# the runner reads and writes JSON with the Jackson jars of the folder; its kernels get none of them
exec java -cp "target/classes:target/notebook-jars/*" org.snauq.notebooks.NotebookRunner --write "${kernel[@]}" "$@"
