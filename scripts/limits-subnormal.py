"""Exact references for test/limits.test.ts: Float32Array inputs made of f32 subnormals.

Every f32 subnormal is m * 2^-149 for a whole m in [1, 2^23), so inputs are stored as
those integers and the references follow from exact integer arithmetic plus mpmath logs
at 200 bits, each rounded once to the nearest double (repr). Normalised measures do not
depend on the common factor 2^-149, raw ones do, and it is kept exactly (as an mpf power
of two). Run: python3 scripts/limits-subnormal.py  (writes test/fixtures/limits/subnormal.json)
"""
import json
import random
from pathlib import Path

import mpmath as mp

mp.mp.prec = 200
UNIT = mp.mpf(2) ** -149  # the least f32 subnormal
SMALLEST_NORMAL = 2**23  # 1.17549435e-38 in units


def log_uniform(rng, lo, hi):
    """A whole number spread evenly in log between lo and hi (inclusive)."""
    return max(lo, min(hi, int(round(mp.e ** (mp.log(lo) + rng.random() * (mp.log(hi) - mp.log(lo)))))))


def case(cid, p, q):
    a = [mp.mpf(x) for x in p]
    b = [mp.mpf(x) for x in q]
    A, B = sum(a), sum(b)
    ph = [x / A for x in a]
    qh = [x / B for x in b]

    def xlogy(x, y):
        return mp.mpf(0) if x == 0 else x * mp.log(y)

    kl = mp.inf if any(x > 0 and y == 0 for x, y in zip(a, b)) else sum(xlogy(x, x / y) for x, y in zip(ph, qh) if x > 0)
    ce = mp.inf if any(x > 0 and y == 0 for x, y in zip(a, b)) else -sum(xlogy(x, y) for x, y in zip(ph, qh) if x > 0)
    h = -sum(xlogy(x, x) for x in ph)
    m = [(x + y) / 2 for x, y in zip(ph, qh)]
    js = (sum(xlogy(x, x / z) for x, z in zip(ph, m) if x > 0) + sum(xlogy(y, y / z) for y, z in zip(qh, m) if y > 0)) / 2
    tv = sum(abs(x - y) for x, y in zip(ph, qh)) / 2
    # Raw KL (normalize: false): sum of rel_entr over the values themselves, m * 2^-149.
    if any(x > 0 and y == 0 for x, y in zip(a, b)):
        raw = mp.inf
    else:
        raw = sum(x * UNIT * mp.log(x / y) for x, y in zip(a, b) if x > 0)
    raw_scale = sum(abs(x * UNIT * mp.log(x / y)) for x, y in zip(a, b) if x > 0 and y > 0)

    def r(v):
        return repr(float(v)) if mp.isfinite(v) else "Infinity"

    return {
        "id": cid, "n": len(p), "p": p, "q": q,
        "expected": {"kl": r(kl), "entropyP": r(h), "crossEntropy": r(ce), "js": r(js), "tv": r(tv), "rawKl": r(raw), "rawKlScale": r(raw_scale)},
    }


def main():
    rng = random.Random(16)
    cases = []
    # Lengths: below, at and past every SIMD width (2, 4, 8, 12, 16 lanes) and odd ones.
    for n in (1, 2, 3, 5, 7, 12, 13, 16, 17, 31, 48, 63, 97):
        p = [log_uniform(rng, 1, SMALLEST_NORMAL - 1) for _ in range(n)]
        q = [log_uniform(rng, 1, SMALLEST_NORMAL - 1) for _ in range(n)]
        cases.append(case(f"all-subnormal/{n}", p, q))
    for n in (9, 33):
        # The extremes: 1e-45 (1 unit) next to the smallest normal, 1.17549435e-38.
        p = [rng.choice([1, 2, 3, SMALLEST_NORMAL - 1, SMALLEST_NORMAL]) for _ in range(n)]
        q = [rng.choice([1, SMALLEST_NORMAL]) for _ in range(n)]
        cases.append(case(f"extremes/{n}", p, q))
    for n in (11, 40):
        # Nearly identical: q = p ± 1 unit (the careful passes).
        p = [log_uniform(rng, 1000, SMALLEST_NORMAL - 2) for _ in range(n)]
        q = [x + rng.choice([-1, 0, 1]) for x in p]
        cases.append(case(f"near/{n}", p, q))
    for n in (6, 29):
        # Subnormals beside normal floats (2^30 … 2^100 units: 1.3e-36 … 1.8e-15) and zeros.
        p = [rng.choice([0, log_uniform(rng, 1, SMALLEST_NORMAL), log_uniform(rng, 2**30, 2**100)]) for _ in range(n)]
        q = [log_uniform(rng, 1, 2**100) for _ in range(n)]
        p[0] = p[0] or 5
        # Keep every value a float32: at most 24 significant bits.
        p = [x if x < 2**24 else (x >> (x.bit_length() - 24)) << (x.bit_length() - 24) for x in p]
        q = [x if x < 2**24 else (x >> (x.bit_length() - 24)) << (x.bit_length() - 24) for x in q]
        cases.append(case(f"mixed/{n}", p, q))
    out = Path(__file__).resolve().parent.parent / "test/fixtures/limits/subnormal.json"
    out.write_text(json.dumps({"about": __doc__.strip().splitlines()[0], "unitExponent": -149, "cases": cases}, indent=1) + "\n")
    print(f"{len(cases)} cases -> {out}")


if __name__ == "__main__":
    main()
