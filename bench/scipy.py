"""SciPy's side of `npm run bench`: times SciPy (and NumPy's histogram) on the inputs the
Node suite used, in the same run, so every ratio against SciPy is same-machine.

bench/scipy.mjs writes the inputs as raw float64 files, the expected answers (from the
library's JS backend), and a manifest of cases; this script checks each answer against
its expectation before timing it, times it as tinybench would (warm-up, then samples
until the time budget and the minimum count are both met, each sample a batch of calls
lasting at least sample_ms), prints one progress line per case on stderr and one JSON
object on stdout.

Usage: python3 bench/scipy.py MANIFEST.json
"""
import os
import sys

# Run as a script, Python puts this file's folder first on sys.path, where this file,
# named scipy.py, would shadow the real scipy package: drop that entry before importing.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or os.curdir) != _here]

import json  # noqa: E402
import math  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import scipy  # noqa: E402
from scipy.spatial.distance import cdist, jensenshannon  # noqa: E402
from scipy.special import rel_entr  # noqa: E402
from scipy.stats import entropy  # noqa: E402


def calls(spec, load):
    """The call a case times, as a function of no arguments; outputs reuse one buffer."""
    fn = spec["fn"]
    if fn in ("rel_entr_rows", "jensenshannon_rows_squared", "cdist_jensenshannon"):
        shape = (spec["rows"], spec["cols"])
        P, Q = load("P").reshape(shape), load("Q").reshape(shape)
        if fn == "rel_entr_rows":
            return lambda: rel_entr(P, Q).sum(axis=1)
        if fn == "jensenshannon_rows_squared":
            return lambda: jensenshannon(P, Q, axis=1) ** 2
        return lambda: cdist(P, Q, "jensenshannon")
    if fn == "histogram":
        values = load("values")
        return lambda: np.histogram(values, bins=spec["bins"], range=(0.0, 1.0))[0]
    p = load("p")
    q = load("q") if fn != "entropy_p" else None
    if fn == "rel_entr_sum":
        return lambda: rel_entr(p, q).sum()
    if fn == "entropy_pq":
        return lambda: entropy(p, q)
    if fn == "entropy_p":
        return lambda: entropy(p)
    if fn == "jensenshannon_squared":
        return lambda: jensenshannon(p, q) ** 2
    if fn == "jensenshannon":
        return lambda: jensenshannon(p, q)
    if fn == "rel_entr_out":
        out = np.empty_like(p)
        return lambda: rel_entr(p, q, out=out)
    raise ValueError(f"unknown fn {fn}")


def distance(got, want, compare):
    """How far got is from want; the same measures as distance() in bench/cases.mjs."""
    if np.isscalar(want):
        got = float(got)
        if math.isnan(got):
            return math.inf
        if got == want:
            return 0.0
        return abs(got - want) / abs(want) if want != 0 else math.inf
    got = np.asarray(got, dtype=np.float64).ravel()
    if got.shape != want.shape:
        return math.inf
    d = np.abs(got - want)
    if np.isnan(d).any():
        return math.inf
    if compare == "each":
        with np.errstate(divide="ignore", invalid="ignore"):
            return float(np.max(np.where(d == 0, 0.0, d / np.abs(want))))
    if compare == "counts":
        return float(d.sum() / want.sum())
    if compare == "norm":
        return float(d.max() / np.abs(want).max())
    return float(d.max())


sink = 0.0


def consume(answer):
    global sink
    a = np.asarray(answer).ravel()
    sink += float(a[len(a) // 2])


def time_case(call, budget, sample_ms):
    """Median and p75 of per-call times (ms), as tinybench samples them."""
    reps = 1

    def sample():
        t = time.perf_counter()
        for _ in range(reps):
            consume(call())
        return (time.perf_counter() - t) * 1e3

    def loop(ms, count):
        samples, start = [], time.perf_counter()
        while (time.perf_counter() - start) * 1e3 < ms or len(samples) < count:
            samples.append(sample())
        return samples

    def calls_per_sample():
        # Enough calls for one sample to last sample_ms.
        n, start = 0, time.perf_counter()
        while True:
            consume(call())
            n += 1
            elapsed = (time.perf_counter() - start) * 1e3
            if elapsed >= sample_ms or n >= 1_000_000:
                return max(1, math.ceil(sample_ms * n / max(elapsed, 1e-6)))

    # As bench/runner.mjs: warm up on single calls, choose the batch size, warm up the
    # batches, then sample.
    loop(budget["warmupTime"], budget["warmupIterations"])
    reps = calls_per_sample()
    loop(budget["warmupTime"], budget["warmupIterations"])
    samples = loop(budget["time"], budget["iterations"])
    # Linear interpolation between order statistics, as tinybench computes percentiles.
    median, p75 = np.percentile(samples, [50, 75])
    return {"medianMs": median / reps, "p75Ms": p75 / reps, "samples": len(samples), "reps": reps}


def main():
    with open(sys.argv[1]) as f:
        manifest = json.load(f)
    folder = os.path.dirname(os.path.abspath(sys.argv[1]))
    results = []
    for k, spec in enumerate(manifest["cases"]):
        index = manifest["first"] + k
        head = f"[{index}/{manifest['total']}] python {spec['name']}"

        def load(key, spec=spec):
            return np.fromfile(os.path.join(folder, spec["files"][key]), dtype="<f8")

        record = {"name": spec["name"], "tolerance": spec["tolerance"]}
        try:
            call = calls(spec, load)
            want = spec["expected"] if "expected" in spec else load("expected")
            got = call()
            err = distance(got, want, spec["compare"])
            record["offBy"] = err
            if not err <= spec["tolerance"]:
                record["status"] = "wrong"
                print(f"{head}  WRONG ANSWER (off by {err:.2e}, allowed {spec['tolerance']})", file=sys.stderr, flush=True)
            else:
                consume(got)
                record.update(time_case(call, spec["budget"], manifest["sampleMs"]))
                record["status"] = "ok"
                ns = record["medianMs"] * 1e6 / spec["elements"]
                print(f"{head}  {ns:.3g} ns/elem", file=sys.stderr, flush=True)
        except Exception as e:  # a failing case is reported, not fatal
            record.update(status="error", message=f"{type(e).__name__}: {e}")
            print(f"{head}  ERROR: {record['message']}", file=sys.stderr, flush=True)
        results.append(record)
    versions = {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__}
    print(json.dumps({"versions": versions, "results": results, "sink": sink}))


if __name__ == "__main__":
    main()
