#!/usr/bin/env python3
"""NumPy references for histogram(), histograms() and histogram2d().

    python3 scripts/histogram-fixtures.py

writes test/fixtures/histogram.json: inputs, options, and the counts and
edges np.histogram / np.histogram2d give for them. The test asserts exact
equality of every count and every edge.

The inputs dwell on what is easy to get wrong: values exactly on every edge,
one ulp either side of it, lo and hi themselves, ranges like [0.1, 0.7] whose
edges are not what decimal arithmetic suggests, integer data on integer-wide
bins, ranges far from zero with bins a few thousand (or a few dozen) ulps
wide, and non-finite values (those only with an explicit range: NumPy
refuses to take a default range from data with NaN or +-inf, where infodiv
skips them).

float32 cases are stored as the float64 values of float32 numbers and
NumPy is given float64: infodiv bins float32 input by its exact float64
value on float64 edges (NumPy would use float32 edges for a float32 array).

"outside" is len(values) - sum(counts). Numbers are written with repr
(round-trip exact); NaN and +-inf as the strings "NaN", "Infinity",
"-Infinity". Every case draws from its own seeded generator.

Needs numpy.
"""

import json
import zlib
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "test" / "fixtures" / "histogram.json"


def rng(case_id):
    return np.random.default_rng(zlib.crc32(case_id.encode()))


def num(x):
    x = float(x)
    if np.isnan(x):
        return "NaN"
    if np.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return x  # keeps the sign of -0.0
    return int(x) if x.is_integer() and abs(x) < 2**53 else x


def nums(a):
    return [num(x) for x in np.asarray(a, dtype=np.float64).ravel()]


def around_edges(lo, hi, bins):
    """Every edge, and the doubles just below and above each."""
    e = np.linspace(lo, hi, bins + 1)
    return np.concatenate([e, np.nextafter(e, -np.inf), np.nextafter(e, np.inf)])


def one_d(case_id, values, bins, dtype="f64", explicit=None):
    values = np.asarray(values, dtype=np.float64)
    counts, edges = np.histogram(values, bins=bins, range=explicit)
    case = {"id": case_id, "dtype": dtype, "values": nums(values), "bins": bins}
    if explicit is not None:
        case["range"] = [num(explicit[0]), num(explicit[1])]
    case["counts"] = [int(c) for c in counts]
    case["edges"] = nums(edges)
    case["outside"] = int(len(values) - counts.sum())
    return case


def cases_1d():
    out = []
    r = rng("normal-default")
    out.append(one_d("normal-default", r.normal(size=1000), 37))

    lo, hi, bins = 0.1, 0.7, 3
    v = np.concatenate([around_edges(lo, hi, bins), np.arange(11) / 10])
    out.append(one_d("tenths", v, bins, explicit=(lo, hi)))

    r = rng("edges-explicit")
    lo, hi, bins = -2.5, 3.7, 50
    v = np.concatenate([
        around_edges(lo, hi, bins),
        r.uniform(lo - 1, hi + 1, 800),
        [np.nan, np.inf, -np.inf, np.nan],
    ])
    r.shuffle(v)
    out.append(one_d("edges-explicit", v, bins, explicit=(lo, hi)))

    r = rng("edges-default")
    v = np.concatenate([around_edges(-1.0, 1.0, 20), r.uniform(-1, 1, 500)])
    v = v[(v >= -1) & (v <= 1)]
    out.append(one_d("edges-default", v, 20))

    r = rng("integers-aligned")
    v = r.integers(0, 11, 1000)
    out.append(one_d("integers-aligned", v, 10, dtype="i32"))
    out.append(one_d("integers-7-bins", v, 7, dtype="i32"))

    r = rng("far-from-zero")
    lo, hi, bins = 1e6, 1e6 + 1e-4, 200
    v = np.concatenate([around_edges(lo, hi, bins), r.uniform(lo, hi, 400)])
    out.append(one_d("far-from-zero", v, bins, explicit=(lo, hi)))

    # Bins about forty ulps wide: too narrow for the kernels' fast guess, so this
    # exercises NumPy's own formula in the JS path.
    r = rng("ulp-wide-bins")
    lo, hi, bins = 1e6, 1e6 + 1e-6, 200
    v = np.concatenate([around_edges(lo, hi, bins), r.uniform(lo, hi, 400)])
    out.append(one_d("ulp-wide-bins", v, bins, explicit=(lo, hi)))

    out.append(one_d("all-equal", [3.0, 3.0, 3.0], 4))
    out.append(one_d("one-bin", [0.0, 0.5, 1.0, 2.0], 1, explicit=(0.0, 1.0)))

    r = rng("float32")
    v = r.normal(size=800).astype(np.float32).astype(np.float64)
    out.append(one_d("float32", v, 25, dtype="f32"))

    lo, hi = 5e-324, 5e-323  # subnormals: ten representable values, 9 bins
    v = np.concatenate([np.arange(1, 11) * 5e-324, [0.0, 1e-300]])
    out.append(one_d("subnormal-range", v, 9, explicit=(lo, hi)))
    return out


def cases_shared():
    out = []
    r = rng("shared")
    a = r.normal(0, 1, 600)
    b = r.normal(0.5, 1.5, 400)
    bins = 30
    lo, hi = min(a.min(), b.min()), max(a.max(), b.max())
    p, edges = np.histogram(a, bins=bins, range=(lo, hi))
    q, _ = np.histogram(b, bins=bins, range=(lo, hi))
    out.append({"id": "shared-default", "a": nums(a), "b": nums(b), "bins": bins,
                "p": [int(c) for c in p], "q": [int(c) for c in q], "edges": nums(edges)})
    return out


def two_d(case_id, x, y, bins, explicit=None):
    h, xe, ye = np.histogram2d(x, y, bins=bins, range=explicit)
    case = {"id": case_id, "x": nums(x), "y": nums(y), "bins": bins}
    if explicit is not None:
        case["range"] = [[num(explicit[0][0]), num(explicit[0][1])], [num(explicit[1][0]), num(explicit[1][1])]]
    case["counts"] = [int(c) for c in h.ravel()]
    case["rows"], case["cols"] = h.shape
    case["xEdges"] = nums(xe)
    case["yEdges"] = nums(ye)
    case["outside"] = int(len(x) - h.sum())
    return case


def cases_2d():
    out = []
    r = rng("correlated")
    x = r.normal(size=800)
    y = 0.6 * x + 0.8 * r.normal(size=800)
    out.append(two_d("correlated-default", x, y, [8, 5]))

    r = rng("edges-2d")
    rx, ry, bx, by = (-1.0, 2.0), (0.1, 0.7), 6, 3
    ex, ey = around_edges(*rx, bx), around_edges(*ry, by)
    n = 500
    x = np.concatenate([r.choice(ex, n), r.uniform(-1.5, 2.5, 300), [np.nan, 0.5, np.inf, 1.0]])
    y = np.concatenate([r.choice(ey, n), r.uniform(0.0, 0.8, 300), [0.3, np.nan, 0.3, -np.inf]])
    out.append(two_d("edges-explicit-2d", x, y, [bx, by], explicit=(rx, ry)))

    r = rng("integers-2d")
    x = r.integers(0, 5, 600).astype(np.float64)
    y = r.integers(-3, 3, 600).astype(np.float64)
    out.append(two_d("integers-2d", x, y, 4))
    return out


def main():
    data = {
        "generator": "scripts/histogram-fixtures.py",
        "numpy": np.__version__,
        "histogram": cases_1d(),
        "histograms": cases_shared(),
        "histogram2d": cases_2d(),
    }
    with open(OUT, "w") as f:
        f.write("{")
        parts = []
        for key, value in data.items():
            if isinstance(value, list):
                rows = ",\n".join(json.dumps(c, separators=(",", ":")) for c in value)
                parts.append(f'"{key}": [\n{rows}\n]')
            else:
                parts.append(f'"{key}": {json.dumps(value)}')
        f.write(",\n".join(parts))
        f.write("}\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
