#!/usr/bin/env bash
# End-to-end benchmark of `sna run` on local[2] (issue 4): prints a table of wall and CPU times per phase, read
# from each run's manifest.json (JVM start excluded: the clock starts when the CLI starts), the evaluation rate
# and the share of task time spent in the model's evaluator.
#   (a) 10^7 mc samples of a 7-input rank-16 SNA: moments, quantiles (KLL), histogram
#   (b) Sobol' indices with 2^20 base rows on the same model: 9 x 2^20 evaluations
# A small untimed warm-up run comes first: it builds the jar if needed and bin/sna's class-data-sharing archive
# (SNA_CDS=0 measures without it). The load average is printed before and after: on a shared machine, compare
# the CPU columns.
# Usage: bench/run-bench.sh [MASTER]   (default local[2]); needs bin/sna (builds on first use), jshell, python3.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MASTER=${1:-local[2]}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sna-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

"$ROOT/bin/sna" --version >/dev/null # builds the jar on first use
CP="$ROOT/spark-jobs/target/sna-uq-$(sed -n '/<artifactId>sna-uq-parent<\/artifactId>/{n;s:.*<version>\(.*\)</version>.*:\1:p;q;}' "$ROOT/pom.xml")-spark.jar"

# A random 7-input rank-16 SNA, cubic atoms, 24 per input on [0, 1], written with the product's file format.
jshell --class-path "$CP" -q >/dev/null <<JSH
import org.snauq.basis.*; import org.snauq.model.*; import java.util.*;
var rng = new SplittableRandom(7); int dim = 7, rank = 16, atoms = 24;
var names = new ArrayList<String>(); var bases = new ArrayList<BSplineBasis>(); var w = new double[dim][];
for (int d = 0; d < dim; d++) { names.add("z" + d); bases.add(BSplineBasis.clampedUniform(3, atoms, 0, 1)); w[d] = new double[atoms * rank]; for (int i = 0; i < w[d].length; i++) w[d][i] = 1 + 0.5 * rng.nextDouble(-1, 1); }
var lambda = new double[rank]; for (int r = 0; r < rank; r++) lambda[r] = rng.nextDouble(0.5, 1.5);
SnaModelFile.write(SnaModel.of(names, bases, lambda, w, "y"), java.nio.file.Path.of("$WORK/bench.sna"));
/exit
JSH

inputs() {
  for d in 0 1 2 3 4 5 6; do echo "  - {name: z$d, dist: uniform, lower: 0.0, upper: 1.0}"; done
}
cat >"$WORK/a.yaml" <<YAML
name: bench-mc
model: {sna: $WORK/bench.sna}
inputs:
$(inputs)
sampling: {design: mc, n: 10000000, seed: 1}
statistics: {moments: true, quantiles: [0.01, 0.5, 0.99], histogram: {bins: 64}, analytic: false}
YAML
cat >"$WORK/b.yaml" <<YAML
name: bench-sobol
model: {sna: $WORK/bench.sna}
inputs:
$(inputs)
sampling: {design: sobol, n: 1048576, seed: 1}
statistics: {moments: true, quantiles: [], histogram: false, sobol: true, analytic: false}
YAML

cat >"$WORK/warm.yaml" <<YAML
name: bench-warm-up
model: {sna: $WORK/bench.sna}
inputs:
$(inputs)
sampling: {design: mc, n: 65536, seed: 1}
statistics: {moments: true, quantiles: [0.5], histogram: {bins: 8}, analytic: false}
YAML
"$ROOT/bin/sna" run "$WORK/warm.yaml" --master "$MASTER" --output "$WORK/out-warm" --run-id warm >/dev/null 2>&1

echo "load before: $(uptime)"
for c in a b; do
  "$ROOT/bin/sna" run "$WORK/$c.yaml" --master "$MASTER" --output "$WORK/out-$c" --run-id bench >/dev/null 2>"$WORK/$c.log" \
    || { cat "$WORK/$c.log" >&2; exit 1; }
done

echo "load after:  $(uptime)"

python3 - "$WORK" "$MASTER" <<'PY'
import json, sys, re
work, master = sys.argv[1], sys.argv[2]
cores = int(re.search(r"local\[(\d+)", master).group(1)) if re.search(r"local\[(\d+)", master) else None
print(f"sna run on {master}: seconds per phase, wall (CPU of the whole JVM), from manifest.json; JVM start excluded")
head = ["case", "evaluations", "model", "spark start", "sampling", "histogram", "tables", "job", "total",
        "Meval/s", "Meval/CPU-s", "eval share"]
print("| " + " | ".join(head) + " |")
print("|" + "---|" * len(head))
for case, label in (("a", "(a) mc 1e7, moments+quantiles+histogram"), ("b", "(b) sobol 2^20 base, 9 x 2^20 evals")):
    m = json.load(open(f"{work}/out-{case}/_runs/run_id=bench/manifest.json"))
    t, c = m["timings_ms"], m.get("cpu_ms", {})
    second_pass = t.get("histogram") is not None
    ev = m["evaluations"] * (2 if second_pass else 1) if case == "a" else m["evaluations"]
    passes = (t.get("sampling", 0) + t.get("histogram", 0)) / 1000
    job = passes + t.get("tables", 0) / 1000
    job_cpu = sum(c.get(k, 0) for k in ("sampling", "histogram", "tables")) / 1000
    pass_cpu = sum(c.get(k, 0) for k in ("sampling", "histogram")) / 1000
    share = t["evaluation_task_ms"] / (t["sampling"] * cores) if cores else float("nan")
    s = lambda k: (f"{t[k]/1000:.2f} ({c[k]/1000:.2f})" if k in c else f"{t[k]/1000:.2f}") if k in t else "-"
    print(f"| {label} | {m['evaluations']:,} | {s('model')} | {s('spark')} | {s('sampling')} | {s('histogram')} | "
          f"{s('tables')} | {job:.2f} ({job_cpu:.2f}) | {s('total')} | {ev/passes/1e6:.2f} | "
          f"{ev/pass_cpu/1e6 if pass_cpu else float('nan'):.2f} | {share:.0%} |")
print("job = sampling + histogram (a second pass, only when the one-pass grid cannot give it) + tables;")
print("total = from the CLI's start to the manifest (model, Spark start, job); Meval/s counts a second pass's")
print("re-evaluations; Meval/CPU-s divides by the JVM's CPU time in the passes (tasks, JIT, GC, driver);")
print("eval share = task time inside the SNA kernel / (sampling-pass wall time x cores).")
PY
