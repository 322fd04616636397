#!/usr/bin/python3
"""SNA-UQ against OpenTURNS on the same work (issue 7). Called by bench/openturns-compare.sh.

  openturns_compare.py prepare DIR   training sets (500, 2,000, 10,000 rows) and a 10,000-row validation set per
                                     function as CSV, sampled with OpenTURNS from the standard input laws; the
                                     borehole reference Sobol' indices (no closed form: Saltelli/Jansen on the
                                     true function, base size 2,000,000 in batches)
  openturns_compare.py ot DIR        fits OpenTURNS' TensorApproximationAlgorithm (canonical tensor, greedy
                                     rank-one ALS) and FunctionalChaosAlgorithm (least-squares PCE) on each
                                     training set; validation error, training time, 10^6 evaluations, Sobol'
                                     indices by Saltelli/Jansen with base size NBASE, and the PCE's closed form
  openturns_compare.py table DIR     merges ot.json and sna.json (written by SnaSide.java) into one table

Errors are relative RMSE = RMSE / sd(y) on the validation set, and the largest absolute error over all first
order and total indices. Times are wall-clock seconds (OpenTURNS may use several threads); training also in CPU
seconds (the process's on the OpenTURNS side, the fitting thread's on the SNA side), which a shared machine
inflates far less than wall time.
"""
import csv
import json
import math
import os
import sys
import time

import openturns as ot

SIZES = [500, 2000, 10000]
VALIDATION = 10000
PROPAGATION = 1000000
NBASE = 100000          # Sobol' base sample size, both tools
REFERENCE_NBASE = 2000000
REFERENCE_BATCH = 200000
REPEATS = 1           # OpenTURNS runs compiled C++: no warm-up to discount
MAX_DEGREE = 16
MAX_TERMS = 1000        # PCE basis size cap: 3,003 terms (degree 6) on borehole at n = 10,000 ran for hours
SEED = 20240607


def ishigami():
    names = ["x1", "x2", "x3"]
    f = ot.SymbolicFunction(names, ["sin(x1) + 7.0 * sin(x2)^2 + 0.1 * x3^4 * sin(x1)"])
    dist = ot.ComposedDistribution([ot.Uniform(-math.pi, math.pi)] * 3)
    a, b = 7.0, 0.1
    # exact: Ishigami and Homma (1990); same formulas as org.snauq.datasets.Ishigami
    v1 = 0.5 * (1 + b * math.pi ** 4 / 5) ** 2
    v2 = a * a / 8
    v13 = b * b * math.pi ** 8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return names, f, dist, [v1 / v, v2 / v, 0.0], [(v1 + v13) / v, v2 / v, v13 / v]


def borehole():
    names = ["rw", "r", "Tu", "Hu", "Tl", "Hl", "L", "Kw"]
    f = ot.SymbolicFunction(names, ["2*pi_*Tu*(Hu-Hl) / (log(r/rw) * (1 + 2*L*Tu/(log(r/rw)*rw^2*Kw) + Tu/Tl))"])
    # as org.snauq.datasets.Borehole
    marginals = [ot.Normal(0.10, 0.0161812), ot.LogNormal(7.71, 1.0056), ot.Uniform(63070.0, 115600.0),
                 ot.Uniform(990.0, 1110.0), ot.Uniform(63.1, 116.0), ot.Uniform(700.0, 820.0),
                 ot.Uniform(1120.0, 1680.0), ot.Uniform(9855.0, 12045.0)]
    return names, f, ot.ComposedDistribution(marginals), None, None


FUNCTIONS = {"ishigami": ishigami, "borehole": borehole}


def write_csv(path, names, x, y):
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(names + ["y"])
        for xi, yi in zip(x, y):
            w.writerow([repr(v) for v in xi] + [repr(yi[0])])


def read_csv(path):
    with open(path) as fh:
        rows = list(csv.reader(fh))
    x = ot.Sample([[float(v) for v in r[:-1]] for r in rows[1:]])
    y = ot.Sample([[float(r[-1])] for r in rows[1:]])
    return x, y


def relative_rmse(pred, y):
    n = y.getSize()
    sse = sum((pred[i, 0] - y[i, 0]) ** 2 for i in range(n))
    mean = sum(y[i, 0] for i in range(n)) / n
    var = sum((y[i, 0] - mean) ** 2 for i in range(n)) / n
    return math.sqrt(sse / n / var)


def sobol_sampling(model, dist, nbase):
    """Saltelli first order and Jansen total on `model` with base size nbase; (seconds, S, ST)."""
    start = time.perf_counter()
    design = ot.SobolIndicesExperiment(dist, nbase).generate()
    out = model(design)
    s1 = ot.SaltelliSensitivityAlgorithm(design, out, nbase).getFirstOrderIndices()
    st = ot.JansenSensitivityAlgorithm(design, out, nbase).getTotalOrderIndices()
    return time.perf_counter() - start, list(s1), list(st)


def max_error(est, exact):
    return max(abs(a - b) for a, b in zip(est, exact))


def prepare(d):
    os.makedirs(d, exist_ok=True)
    ot.RandomGenerator.SetSeed(SEED)
    refs = {}
    for name, make in FUNCTIONS.items():
        names, f, dist, s1, st = make()
        for n in SIZES:
            x = dist.getSample(n)
            write_csv(os.path.join(d, f"{name}-train-{n}.csv"), names, x, f(x))
        x = dist.getSample(VALIDATION)
        write_csv(os.path.join(d, f"{name}-valid.csv"), names, x, f(x))
        if s1 is None:  # average of batches, to keep memory small
            batches = [sobol_sampling(f, dist, REFERENCE_BATCH)[1:] for _ in range(REFERENCE_NBASE // REFERENCE_BATCH)]
            s1 = [sum(b[0][i] for b in batches) / len(batches) for i in range(len(names))]
            st = [sum(b[1][i] for b in batches) / len(batches) for i in range(len(names))]
        refs[name] = {"inputs": names, "s1": s1, "st": st}
    with open(os.path.join(d, "reference.json"), "w") as fh:
        json.dump(refs, fh, indent=1)


def tensor(x, y, dist, dim, name):
    marginals = [dist.getMarginal(i) for i in range(dim)]
    family = [ot.OrthogonalUniVariatePolynomialFunctionFactory(ot.StandardDistributionPolynomialFactory(m))
              for m in marginals]
    factory = ot.OrthogonalProductFunctionFactory(family)
    nk = [12] * dim if name == "ishigami" else [6] * dim   # atoms per coordinate: polynomial degree + 1
    algo = ot.TensorApproximationAlgorithm(x, y, dist, factory, nk, 6)
    algo.run()
    return algo.getResult().getMetaModel(), None


def chaos(x, y, dist, dim, name):
    """Full least-squares PCE on the total-degree basis with the largest degree whose size P <= min(n / 2, 1000)
    (degree at most 16).
    (Sparse LARS selection with corrected leave-one-out took over 10 minutes per fit at n >= 2,000 here.)"""
    enum = ot.LinearEnumerateFunction(dim)
    degree = 1
    while degree < MAX_DEGREE and enum.getStrataCumulatedCardinal(degree + 1) <= min(x.getSize() // 2, MAX_TERMS):
        degree += 1
    basis = ot.OrthogonalProductPolynomialFactory([ot.StandardDistributionPolynomialFactory(dist.getMarginal(i))
                                                   for i in range(dim)], enum)
    algo = ot.FunctionalChaosAlgorithm(x, y, dist, ot.FixedStrategy(basis, enum.getStrataCumulatedCardinal(degree)),
                                       ot.LeastSquaresStrategy())
    algo.run()
    result = algo.getResult()
    return result.getMetaModel(), result


def run_ot(d):
    with open(os.path.join(d, "reference.json")) as fh:
        refs = json.load(fh)
    rows = []
    for name, make in FUNCTIONS.items():
        names, f, dist, _, _ = make()
        dim = len(names)
        ref = refs[name]
        xv, yv = read_csv(os.path.join(d, f"{name}-valid.csv"))
        ot.RandomGenerator.SetSeed(SEED + 1)
        xp = dist.getSample(PROPAGATION)
        for n in SIZES:
            x, y = read_csv(os.path.join(d, f"{name}-train-{n}.csv"))
            for method, fit in (("OT tensor (TensorApproximation)", tensor), ("OT PCE (FunctionalChaos, least squares)", chaos)):
                start = time.perf_counter()
                cpu = time.process_time()
                model, pce = fit(x, y, dist, dim, name)
                train = time.perf_counter() - start
                train_cpu = time.process_time() - cpu
                err = relative_rmse(model(xv), yv)
                prop = min(timed(lambda: model(xp)) for _ in range(REPEATS))
                ot.RandomGenerator.SetSeed(SEED + 2)
                stime, s1, st = sobol_sampling(model, dist, NBASE)
                row = {"function": name, "n": n, "method": method, "validation_rel_rmse": err, "train_s": train,
                       "train_cpu_s": train_cpu,
                       "eval_1e6_s": prop, "sobol_sampling_s": stime,
                       "sobol_sampling_err": max(max_error(s1, ref["s1"]), max_error(st, ref["st"]))}
                if pce is not None:
                    start = time.perf_counter()
                    si = ot.FunctionalChaosSobolIndices(pce)
                    cs1 = [si.getSobolIndex(i) for i in range(dim)]
                    cst = [si.getSobolTotalIndex(i) for i in range(dim)]
                    row["sobol_closed_s"] = time.perf_counter() - start
                    row["sobol_closed_err"] = max(max_error(cs1, ref["s1"]), max_error(cst, ref["st"]))
                rows.append(row)
                print(json.dumps(row), flush=True)
    with open(os.path.join(d, "ot.json"), "w") as fh:
        json.dump(rows, fh, indent=1)


def timed(f):
    start = time.perf_counter()
    f()
    return time.perf_counter() - start


def table(d):
    rows = []
    for part in ("sna.json", "ot.json"):
        p = os.path.join(d, part)
        if os.path.exists(p):
            with open(p) as fh:
                rows += json.load(fh)
    order = {"SNA-UQ ALS": 0}
    rows.sort(key=lambda r: (r["function"] != "ishigami", r["n"], order.get(r["method"], 1), r["method"]))

    def fmt(v, kind):
        if v is None:
            return "-"
        return f"{v:.2e}" if kind == "e" else f"{v:.3f}"
    print(f"| function | n | surrogate | valid. rel. RMSE | train s | train CPU s | 10^6 evals s "
          f"| Sobol N={NBASE:,} s | Sobol max err | closed-form Sobol s | closed-form max err |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        label = r["method"] + (f" (p {r['degree']}, n {r['atoms']}, R {r['rank']})" if "degree" in r else "")
        print(f"| {r['function']} | {r['n']:,} | {label} | {fmt(r['validation_rel_rmse'], 'e')} "
              f"| {fmt(r['train_s'], 'f')} | {fmt(r.get('train_cpu_s'), 'f')} | {fmt(r['eval_1e6_s'], 'f')} "
              f"| {fmt(r['sobol_sampling_s'], 'f')} "
              f"| {fmt(r['sobol_sampling_err'], 'e')} | {fmt(r.get('sobol_closed_s'), 'f')} "
              f"| {fmt(r.get('sobol_closed_err'), 'e')} |")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("prepare", "ot", "table"):
        sys.exit(__doc__)
    {"prepare": prepare, "ot": run_ot, "table": table}[sys.argv[1]](sys.argv[2])
