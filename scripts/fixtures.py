#!/usr/bin/env python3
"""Reference fixtures for the infodiv test suite.

    python3 scripts/fixtures.py

writes into test/fixtures/:

  reductions.json          KL (both directions), entropy, cross-entropy,
                           Jensen-Shannon divergence/distance of vector pairs
  elementwise.json         rel_entr / kl_div of scalar pairs
  mutual-information.json  mutual information of contingency tables
  generators.json          checksums of every {"gen": spec} input, so the
                           TypeScript twin test/fixtures/generate.ts can be
                           checked against scripts/fixtures.py bit for bit

"expected" values are mpmath references computed from the exact double
values of the inputs and then correctly rounded to the nearest double.
SciPy's float64 results are stored next to them for comparison.

Working precision is chosen per case from the data (case_dps): MP_DPS
decimal digits plus the number of decimal digits spanned by the nonzero
magnitudes the computation involves (inputs, their sums and, for mutual
information, the products n_ij*N and r_i*c_j). A normalised entry p_i/sum(p)
can lie within min/max of 1, and its log, like the log of a ratio of such
quantities, is then only resolved with that many extra digits: with a fixed
40 digits the wide-range cases (1e-300 .. 1e300) came out wrong, even with
a negative normalised KL. The header's "mpmath_dps" is the floor MP_DPS.

Before anything is written, the script aborts unless (see "Self-checks"):
every case except the 100003-element ones, recomputed at twice its working
precision, rounds to the same doubles; and the stored references satisfy
normalised KL >= 0, 0 <= JS <= log 2, entropy >= 0 and cross-entropy >=
entropy when normalised, |KL| <= termScale, MI >= 0.

Numbers are written with Python's repr (round-trip exact); non-finite
numbers as the strings "Infinity", "-Infinity", "NaN".

The output is deterministic: all randomness comes from seeded generators,
and every case draws from its own generator (seeded from its id), so adding
a case never changes the others.

Field notes: reductions' "termScale" is the sum of |terms| of the KL sum
(same normalisation and base as "kl"), the scale that float rounding errors
of a sum with mixed-sign terms relate to. Vectors of length >= 1000 are
stored as {"gen": spec}; see test/fixtures/generate.ts for the definition.

Needs numpy, scipy, mpmath. Takes about 1.5 minutes on two cores (the
100003-element mpmath references dominate and run in worker processes).
"""

import hashlib
import json
import math
import sys
import time
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import mpmath
import numpy as np
import scipy
import scipy.spatial.distance
import scipy.special
import scipy.stats
from mpmath import mp, mpf

# Floor of the working precision (decimal digits); case_dps adds the span of
# the data. The margin covers what the span does not measure: cancellation
# between nearly identical inputs (a relative difference delta costs about
# 2*log10(1/delta) digits in KL/JS), the size of the logs (up to ~745), and
# the 17 digits a double needs.
MP_DPS = 50
mp.dps = MP_DPS

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "test" / "fixtures"
GENERATOR = "scripts/fixtures.py"

# Vectors at least this long are stored as {"gen": spec}, never inline.
INLINE_LIMIT = 1000

# Reported (not fatal) when SciPy and the reference differ by more than this.
REPORT_REL = 1e-12

INF = mpf("inf")

# base as stored in JSON (None = natural log) -> short name used in ids
BASES = {2: "log2", None: "ln", 10: "log10"}


# ---------------------------------------------------------------------------
# Number handling
# ---------------------------------------------------------------------------

def to_double(x):
    """Round an mpf to the nearest double (ties to even).

    float(mpf) is not good enough: mpmath converts with round-down. The value
    is man * 2**exp exactly; CPython's int -> float conversion and int / int
    true division are both correctly rounded (subnormals included), so they
    do the final rounding for us.
    """
    sign, man, exp, _ = mpf(x)._mpf_
    if not man:
        if mpmath.isnan(x):
            return math.nan
        if mpmath.isinf(x):
            return -math.inf if x < 0 else math.inf
        return 0.0
    if sign:
        man = -man
    try:
        return float(man << exp) if exp >= 0 else man / (1 << -exp)
    except OverflowError:
        return -math.inf if man < 0 else math.inf


def enc(value):
    """Make a structure JSON-ready: plain floats, non-finite ones as strings."""
    if isinstance(value, (bool, str, type(None))):
        return value
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        v = float(value)
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return v
    if isinstance(value, np.ndarray):
        return [enc(v) for v in value.tolist()]
    if isinstance(value, (list, tuple)):
        return [enc(v) for v in value]
    if isinstance(value, dict):
        return {k: enc(v) for k, v in value.items()}
    raise TypeError(f"cannot encode {type(value)}")


def dec(value):
    """Inverse of enc for a single number (used when comparing stored values)."""
    return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}.get(value, value)


def floats(xs):
    """A list of plain Python floats (numpy scalars and ints converted)."""
    return [float(x) for x in xs]


def f32(xs):
    """Round to float32 and back: the exact doubles a Float32Array would hold."""
    return floats(np.asarray(xs, dtype=np.float64).astype(np.float32))


def span_digits(values, products=False, extra_bits=0):
    """Decimal digits spanned by the nonzero finite magnitudes of `values`.

    Computed from the exact binary exponents (np.frexp), so it is
    deterministic and immune to overflow. `extra_bits` widens the span at
    the top, for sums of the values (a sum of n of them is at most
    2^bit_length(n) times the largest). With products=True the span is
    doubled: the products of two such quantities span twice the range.
    """
    a = np.abs(np.asarray(values, dtype=np.float64))
    a = a[(a > 0) & np.isfinite(a)]
    if a.size == 0:
        return 0
    _, e = np.frexp(a)
    bits = int(e.max()) - int(e.min()) + 1 + extra_bits
    if products:
        bits *= 2
    return math.ceil(bits * math.log10(2))


def case_dps(values, scale=1, products=False):
    """Working precision for a case over `values`: MP_DPS + span, times scale.

    Includes the sums of the values (they set the normalisation and the
    marginals). scale=2 is the re-check precision.
    """
    values = list(values)
    span = span_digits(values, products, extra_bits=max(1, len(values)).bit_length())
    return scale * (MP_DPS + span)


def rng_for(tag):
    """A numpy generator private to one case, seeded from its id."""
    return np.random.default_rng(zlib.crc32(tag.encode()))


# ---------------------------------------------------------------------------
# Deterministic large inputs -- the Python twin of test/fixtures/generate.ts.
# The definitions are documented at the top of generate.ts; keep both in sync.
# ---------------------------------------------------------------------------

def lcg(state):
    return (state * 1664525 + 1013904223) & 0xFFFFFFFF


def lcg_stream(seed, n):
    """The n states following seed (the stream is advanced before each use)."""
    state = seed
    for _ in range(n):
        state = lcg(state)
        yield state


def generate(spec):
    """Rebuild the vector described by a GenSpec, exactly as generate.ts does."""
    n, kind = spec["n"], spec["kind"]
    if kind == "counts":
        out = [float((v >> 20) + 1) for v in lcg_stream(spec["seed"], n)]
    elif kind == "unit":
        # (integer < 2^25) / 2^24 is exact, with 24 significant bits at most
        out = [((v >> 8) + 1) / 16777216 for v in lcg_stream(spec["seed"], n)]
    else:
        raise ValueError(kind)

    if "zeroEvery" in spec:
        every = spec["zeroEvery"]
        zero_seed = spec.get("zeroSeed", spec["seed"])
        for i, z in enumerate(lcg_stream(zero_seed, n)):
            if (z >> 16) % every == 0:
                out[i] = 0.0

    if "perturb" in spec:
        pert = spec["perturb"]
        bits, shift = pert["bits"], pert["shift"]
        assert 0 <= bits <= 31 and bits < shift <= 52
        scale = math.ldexp(1.0, -shift)
        offset = 1 << bits
        for i, w in enumerate(lcg_stream(pert["seed"], n)):
            k = (w >> (31 - bits)) - offset
            x = out[i]
            y = x + x * (k * scale)
            # The whole point of the construction is that nothing rounds, so
            # TypeScript cannot disagree: check y == x * (2^shift + k) / 2^shift
            # in integer arithmetic.
            xn, xd = x.as_integer_ratio()
            yn, yd = y.as_integer_ratio()
            assert yn * xd << shift == xn * ((1 << shift) + k) * yd, (spec, i)
            out[i] = y
    return out


def sha256_f64(values):
    """SHA-256 of the little-endian Float64Array bytes."""
    return hashlib.sha256(np.asarray(values, dtype="<f8").tobytes()).hexdigest()


# ---------------------------------------------------------------------------
# mpmath references for the vector reductions (natural log)
# ---------------------------------------------------------------------------

def log_ratio(a, b):
    """log(a/b) for positive mpf a, b, accurate also when a is close to b.

    Rounding a/b to the working precision (mp.dps digits) costs an absolute
    error of 10^-mp.dps in the log, which is a large relative error when a/b is within 1e-15 of 1.
    a - b is (nearly) exact, so log1p((a - b)/b) keeps full relative accuracy.
    Far from 1 the plain quotient is better (a - b would swamp a tiny a).
    """
    r = a / b
    if mpf(0.5) <= r <= 2:
        return mpmath.log1p((a - b) / b)
    return mpmath.log(r)


def input_logs(xs):
    """log of each positive input (None for zeros), one mpmath log per distinct value.

    Count vectors repeat values a lot, and these logs are by far the most
    expensive part of the 100003-element references.
    """
    cache = {}
    out = []
    for x in xs:
        if x == 0:
            out.append(None)
            continue
        if x not in cache:
            cache[x] = mpmath.log(mpf(x))
        out.append(cache[x])
    return out


def reduction_sums(a, b, la, lb):
    """All reduction references (natural log) for vectors a, b with logs la, lb.

    The logs of the inputs are computed once and reused: log(a/b) is taken as
    la - lb. For inputs that differ by a relative delta this difference loses
    about log10(1/delta) of the working digits, and the KL/JS sums (of size
    delta^2) lose as many again; with delta >= 1e-10 and at least MP_DPS
    digits more than 15 digits survive. Normalised entries close to 1 (one
    entry dominating by a factor F) need log10(F) digits more for their logs;
    case_dps supplies them. recheck_* confirm it by recomputing at twice the
    precision. Zeros (la/lb None) follow the conventions 0 log 0 = 0 and
    a log(a/0) = +inf for a > 0.
    """
    kl, klr, ent, cross, js = [], [], [], [], []
    kl_inf = klr_inf = False
    for ai, bi, lai, lbi in zip(a, b, la, lb):
        if lai is not None:
            ent.append(ai * lai)
        if lai is not None and lbi is not None:
            d = lai - lbi
            kl.append(ai * d)
            klr.append(-bi * d)
            cross.append(ai * lbi)
        elif lai is not None:
            kl_inf = True  # a > 0 where b = 0 (also makes the cross-entropy infinite)
        elif lbi is not None:
            klr_inf = True
        if lai is not None or lbi is not None:
            lm = mpmath.log((ai + bi) / 2)
            if lai is not None:
                js.append(ai * (lai - lm))
            if lbi is not None:
                js.append(bi * (lbi - lm))
    return {
        "kl": INF if kl_inf else mpmath.fsum(kl),
        "klReverse": INF if klr_inf else mpmath.fsum(klr),
        "entropy": -mpmath.fsum(ent),
        "crossEntropy": INF if kl_inf else -mpmath.fsum(cross),
        "js": mpmath.fsum(js) / 2,
        # sum of |terms| of the KL sum: the scale its rounding errors relate to
        "termScale": INF if kl_inf else mpmath.fsum(kl, absolute=True),
    }


def reduction_refs(p, q):
    """Natural-log references for one (p, q) pair, for normalize True and False.

    Normalisation divides the exact input doubles by their mpmath sum, i.e.
    it is the rational p/sum(p) to the working precision, not the float quotient;
    its logs are log p_i - log sum(p).
    """
    P = [mpf(x) for x in p]
    Q = [mpf(y) for y in q]
    LP, LQ = input_logs(p), input_logs(q)
    sp, sq = mpmath.fsum(P), mpmath.fsum(Q)
    lsp, lsq = mpmath.log(sp), mpmath.log(sq)
    shift = lambda logs, ls: [None if l is None else l - ls for l in logs]
    return {
        True: reduction_sums([x / sp for x in P], [y / sq for y in Q], shift(LP, lsp), shift(LQ, lsq)),
        False: reduction_sums(P, Q, LP, LQ),
    }


def refs_in_base(nats, base):
    """Convert one set of natural-log references to `base` and round to doubles."""
    scale = mpf(1) if base is None else mpmath.log(base)
    out = {k: nats[k] / scale for k in ("kl", "klReverse", "entropy", "crossEntropy", "js")}
    # sqrt of the exact divergence; the tiny negative values float code can
    # produce for nearly identical inputs cannot occur here.
    out["jsDistance"] = mpmath.sqrt(out["js"])
    out["termScale"] = nats["termScale"] / scale
    return {k: to_double(v) for k, v in out.items()}


def scipy_reductions(p, q, base, normalize):
    """What SciPy gives for the same inputs (its float64 algorithms)."""
    p, q = np.asarray(p, dtype=np.float64), np.asarray(q, dtype=np.float64)
    with np.errstate(all="ignore"):
        if not normalize:
            kl = np.sum(scipy.special.rel_entr(p, q))
            return {"kl": kl if base is None else kl / math.log(base)}
        return {
            "kl": scipy.stats.entropy(p, q, base=base),
            "klReverse": scipy.stats.entropy(q, p, base=base),
            "entropy": scipy.stats.entropy(p, base=base),
            # NaN for nearly identical inputs: SciPy issue #20083
            "jsDistance": scipy.spatial.distance.jensenshannon(p, q, base=base),
        }


# ---------------------------------------------------------------------------
# reductions.json: the input pairs
# ---------------------------------------------------------------------------

SMALL_SIZES = [1, 2, 3, 7, 8, 9, 31]
GEN_SIZES = [1000, 100003]

# nearly identical pairs: variant name -> nominal relative perturbation
NEAR_DELTAS = {"near1e-4": 1e-4, "near1e-6": 1e-6, "near1e-8": 1e-8, "near1e-10": 1e-10}

# Perturbation of generated "counts" vectors (at most 12 significant bits):
# exact as long as 12 + shift + 1 <= 53.
GEN_PERTURB_SHIFT = 40


def probs(rng, n):
    x = rng.uniform(0.01, 1.0, n)
    return x / x.sum()


def counts(rng, n):
    return rng.integers(1, 100, n).astype(np.float64)


def zero_positions(rng, n):
    return rng.choice(n, size=max(1, n // 3), replace=False)


def disjoint_zero_positions(rng, n):
    perm = rng.permutation(n)
    k = max(1, n // 4)
    return perm[:k], perm[k:2 * k]


def small_pair(variant, n, rng):
    """Explicit (p, q, dtype) for the small sizes; None if the variant needs more room."""
    if variant == "prob":
        return probs(rng, n), probs(rng, n), "f64"
    if variant == "counts":
        return counts(rng, n), counts(rng, n), "f64"
    if variant in NEAR_DELTAS:
        # stored explicitly: q holds exactly the doubles this float code produced
        delta = NEAR_DELTAS[variant]
        p = probs(rng, n)
        u = rng.uniform(-1.0, 1.0, n)
        return p, p * (1.0 + delta * u), "f64"
    if variant == "f32prob":
        return f32(probs(rng, n)), f32(probs(rng, n)), "f32"
    if n < 2:
        return None  # the remaining variants need a zero and a non-zero entry
    if variant == "zerosP":
        p, q = counts(rng, n), counts(rng, n)
        p[zero_positions(rng, n)] = 0.0
        return p, q, "f64"
    if variant == "zerosQ":
        p, q = counts(rng, n), counts(rng, n)
        q[zero_positions(rng, n)] = 0.0
        return p, q, "f64"
    if variant == "zerosBothSame":
        p, q = probs(rng, n), probs(rng, n)
        zeros = zero_positions(rng, n)
        p[zeros] = q[zeros] = 0.0
        return p, q, "f64"
    if variant == "zerosBothDiff":
        p, q = probs(rng, n), probs(rng, n)
        zp, zq = disjoint_zero_positions(rng, n)
        p[zp], q[zq] = 0.0, 0.0
        return p, q, "f64"
    if variant == "degenerate":
        # one entry close to 1, the rest around 1e-12: entropy is ~1e-10 and
        # dominated by the tiny entries
        tiny = 1e-12 * rng.uniform(0.5, 1.5, n - 1)
        p = np.concatenate([[1.0 - tiny.sum()], tiny])
        return p, probs(rng, n), "f64"
    if variant == "f32zerosBoth":
        p, q = f32(probs(rng, n)), f32(probs(rng, n))
        for i in zero_positions(rng, n):
            p[i] = q[i] = 0.0
        return p, q, "f32"
    raise ValueError(variant)


SMALL_VARIANTS = ["prob", "counts", "zerosP", "zerosQ", "zerosBothSame", "zerosBothDiff",
                  *NEAR_DELTAS, "degenerate", "f32prob", "f32zerosBoth"]


def gen_pair(variant, n):
    """(p spec, q spec, dtype) for the generated sizes."""
    def spec(seed, kind, **extra):
        return {"seed": seed, "n": n, "kind": kind, **extra}

    if variant == "prob":
        return spec(11, "unit"), spec(12, "unit"), "f64"
    if variant == "counts":
        return spec(21, "counts"), spec(22, "counts"), "f64"
    if variant == "zerosP":
        return spec(31, "counts", zeroEvery=5), spec(32, "counts"), "f64"
    if variant == "zerosQ":
        return spec(41, "counts"), spec(42, "counts", zeroEvery=5), "f64"
    if variant == "zerosBothSame":
        return (spec(51, "unit", zeroEvery=4, zeroSeed=500),
                spec(52, "unit", zeroEvery=4, zeroSeed=500), "f64")
    if variant == "zerosBothDiff":
        return (spec(61, "unit", zeroEvery=4, zeroSeed=600),
                spec(62, "unit", zeroEvery=4, zeroSeed=601), "f64")
    if variant in NEAR_DELTAS:
        delta = NEAR_DELTAS[variant]
        # delta = 2^(bits - shift), rounded to the nearest power of two
        bits = GEN_PERTURB_SHIFT - round(-math.log2(delta))
        perturb = {"seed": 72, "bits": bits, "shift": GEN_PERTURB_SHIFT}
        return spec(71, "counts"), spec(71, "counts", perturb=perturb), "f64"
    if variant == "f32prob":
        # "unit" values have 24 significant bits: exact in float32
        return spec(81, "unit"), spec(82, "unit"), "f32"
    if variant == "f32zerosBoth":
        return (spec(91, "unit", zeroEvery=3, zeroSeed=900),
                spec(92, "unit", zeroEvery=3, zeroSeed=900), "f32")
    return None


GEN_VARIANTS = ["prob", "counts", "zerosP", "zerosQ", "zerosBothSame", "zerosBothDiff",
                *NEAR_DELTAS, "f32prob", "f32zerosBoth"]

SEED_P = [0.10, 0.40, 0.50]
SEED_Q = [0.80, 0.15, 0.05]

# A few small cases whose values span 1e-300 .. 1e300: x/y over- or
# underflows in float arithmetic although every result is representable.
WIDE_PAIRS = {
    "wide5": ([1e-300, 1e-150, 1.0, 1e150, 1e300], [1e300, 1e150, 1.0, 1e-150, 1e-300]),
    "wide3": ([1e-300, 0.5, 1e300], [3e-300, 2.0, 1e299]),
    "wide7": ([2.5e-300, 1e-200, 1e-100, 1.0, 1e100, 1e200, 4e299],
              [1e-10, 1e-10, 1e-10, 1e-10, 1e-10, 1e-10, 1e-10]),
    "wide4": ([7e-300, 1e-300, 0.0, 1e300], [1e300, 1e300, 1e-300, 1e-300]),
}


def reduction_pairs():
    """All (id stem, dtype, p as stored, q as stored, p values, q values)."""
    pairs = [("seed", "f64", SEED_P, SEED_Q, SEED_P, SEED_Q)]
    for name, (p, q) in WIDE_PAIRS.items():
        pairs.append((name, "f64", p, q, p, q))
    for n in SMALL_SIZES:
        for variant in SMALL_VARIANTS:
            stem = f"{variant}-n{n}"
            made = small_pair(variant, n, rng_for(stem))
            if made is None:
                continue
            p, q, dtype = floats(made[0]), floats(made[1]), made[2]
            pairs.append((stem, dtype, p, q, p, q))
    for n in GEN_SIZES:
        for variant in GEN_VARIANTS:
            ps, qs, dtype = gen_pair(variant, n)
            pairs.append((f"{variant}-n{n}", dtype, {"gen": ps}, {"gen": qs},
                          generate(ps), generate(qs)))
    return pairs


def pair_expected(p, q, scale=1):
    """Rounded references of one pair for every (normalize, base).

    Works at case_dps of the pair (p and q together), times scale.
    Runs in worker processes: the 100003-element pairs take ~10 s each in
    mpmath, and they are independent of each other.
    """
    with mp.workdps(case_dps([*p, *q], scale)):
        refs = reduction_refs(p, q)
        return {(nm, base): refs_in_base(refs[nm], base) for nm in (True, False) for base in BASES}


# Pairs up to this length are recomputed at twice their working precision
# (only the 100003-element ones are not: too slow, and built like n=1000).
RECHECK_MAX_N = 1000


def recheck(what, low, high, low_dps):
    """Abort if references differ between the working and twice the precision.

    This catches a working precision that is nearly enough; an effect far
    below both precisions (a fixed 40 vs 80 digits for entries 1e-300 next
    to 1) gives the same wrong doubles twice. That is why case_dps takes the
    precision from the data, and why the invariants are checked as well.
    """
    if enc(low) != enc(high):
        raise AssertionError(f"{what}: references change between {low_dps} and "
                             f"{2 * low_dps} digits:\n  {enc(low)}\n  {enc(high)}")


def reduction_cases():
    pairs = reduction_pairs()
    ps, qs = [p for *_, p, _ in pairs], [q for *_, q in pairs]
    small = [i for i, p in enumerate(ps) if len(p) <= RECHECK_MAX_N]
    with ProcessPoolExecutor() as pool:
        # map keeps the input order, so the output does not depend on scheduling
        expected = list(pool.map(pair_expected, ps, qs))
        high = list(pool.map(pair_expected, [ps[i] for i in small], [qs[i] for i in small],
                             [2] * len(small)))
    for i, hi in zip(small, high):
        stem = pairs[i][0]
        recheck(f"reductions {stem}", list(expected[i].items()), list(hi.items()),
                case_dps([*ps[i], *qs[i]]))
    cases = []
    for (stem, dtype, p_stored, q_stored, p, q), exp in zip(pairs, expected):
        assert len(p) == len(q)
        assert isinstance(p_stored, dict) or len(p) < INLINE_LIMIT
        for normalize in (True, False):
            for base, base_name in BASES.items():
                cases.append({
                    "id": f"{stem}-{base_name}-{'norm' if normalize else 'raw'}",
                    "dtype": dtype,
                    "p": p_stored,
                    "q": q_stored,
                    "base": base,
                    "normalize": normalize,
                    "expected": exp[normalize, base],
                    "scipy": scipy_reductions(p, q, base, normalize),
                })
    for c in cases:
        check_reduction_invariants(c)
    return cases


# ---------------------------------------------------------------------------
# elementwise.json: rel_entr and kl_div
# ---------------------------------------------------------------------------

def ref_rel_entr(x, y, scale=1):
    """x*log(x/y) for x>0, y>0; 0 for x=0, y>=0; +inf otherwise; NaN if any NaN.

    Infinite arguments get the limit of the formula where it exists
    (x=inf: +inf; y=inf: -inf) and NaN where it does not (both infinite).
    Works at case_dps([x, y]) times scale.
    """
    if math.isnan(x) or math.isnan(y):
        return math.nan
    if x > 0 and y > 0:
        if math.isinf(x) and math.isinf(y):
            return math.nan
        if math.isinf(x):
            return math.inf
        if math.isinf(y):
            return -math.inf
        with mp.workdps(case_dps([x, y], scale)):
            X, Y = mpf(x), mpf(y)
            return to_double(X * log_ratio(X, Y))
    if x == 0 and y >= 0:
        return 0.0
    return math.inf


def ref_kl_div(x, y, scale=1):
    """x*log(x/y) - x + y for x>0, y>0; y for x=0, y>=0; +inf otherwise; NaN if any NaN.

    Infinite arguments: +inf when exactly one of x, y is infinite (the
    formula grows without bound either way), NaN when both are.
    Works at case_dps([x, y]) times scale.
    """
    if math.isnan(x) or math.isnan(y):
        return math.nan
    if x > 0 and y > 0:
        if math.isinf(x) and math.isinf(y):
            return math.nan
        if math.isinf(x) or math.isinf(y):
            return math.inf
        with mp.workdps(case_dps([x, y], scale)):
            X, Y = mpf(x), mpf(y)
            # Subtract (x - y) as one quantity: for x close to y it is exact and
            # of the same size as x*log(x/y), so the cancellation costs only
            # about log10(|x-y|/x) digits instead of all of them (x - x + y would).
            return to_double(X * log_ratio(X, Y) - (X - Y))
    if x == 0 and y >= 0:
        return y
    return math.inf


def elementwise_inputs():
    """(id, xs, ys) triples."""
    inf, nan = math.inf, math.nan
    tiny, sub = 5e-324, 2.2e-308
    cases = [
        ("x-zero", [0.0] * 10, [0.0, -0.0, 1.0, 1e-300, tiny, 1e300, inf, -1.0, -inf, 0.5]),
        ("y-zero", [1.0, 1e-300, tiny, 1e300, inf, -1.0, 0.5, sub], [0.0] * 8),
        ("signed-zeros", [-0.0, -0.0, -0.0, 0.0, 1.0, -0.0], [0.0, -0.0, 1.0, -0.0, -0.0, inf]),
        ("x-negative", [-1.0, -1e-300, -tiny, -1e300, -inf, -0.5, -1.0, -2.0],
         [1.0, 1.0, 1.0, 1.0, 1.0, 0.0, -1.0, 1e300]),
        ("y-negative", [1.0, 0.5, 1e-300, 0.0, 1e300, tiny, 2.0],
         [-1.0, -1e-300, -tiny, -1.0, -inf, -1.0, -2.0]),
        ("x-nan", [nan] * 8, [1.0, 0.0, -1.0, inf, -inf, tiny, 1e300, -0.0]),
        ("y-nan", [1.0, 0.0, -1.0, inf, -inf, tiny, 1e300, -0.0], [nan] * 8),
        ("both-nan", [nan], [nan]),
        ("x-inf", [inf] * 7, [1.0, 1e-300, 1e300, tiny, 0.0, -1.0, -inf]),
        ("y-inf", [1.0, 1e-300, 1e300, tiny, 0.0, -1.0, -inf], [inf] * 7),
        ("both-inf", [inf, -inf, inf, -inf], [inf, -inf, -inf, inf]),
        ("subnormal", [tiny, tiny, tiny, 1.0, 1e-320, sub, 4e-320, sub, 1e-310, tiny * 3],
         [tiny, 1.0, 1e-300, tiny, tiny, 1.0, 1e-320, sub * 1.5, 1e-300, tiny]),
        # x/y overflows (1/5e-324 too) or underflows in float
        ("huge-ratio", [1e300, 1e-300, 1e308, 1.7e308, tiny, 1.0, 1e200, 1e-200, 1e-300, 1e300],
         [1e-300, 1e300, 1e-308, tiny, 1.7e308, tiny, 1e-200, 1e200, 1.0, 1.0]),
        # results that overflow or underflow themselves
        ("extreme-results", [1.7e308, 1.7e308, 1e-320, 1e-310, 1.5e308],
         [1e-10, 1.0, 1.0, 1e10, 1.4e308]),
    ]

    equal = [0.0, tiny, sub, 1e-300, 1e-10, 0.25, 1.0, 3.0, 1e10, 1e300, 1.7976931348623157e308, inf]
    cases.append(("equal", equal, list(equal)))

    # x a few ulps away from y
    rng = rng_for("elementwise-ulps")
    ys = 10.0 ** rng.uniform(-300, 300, 16)
    steps = [1, -1, 2, -2, 3, -3, 8, -8, 1, -1, 64, -64, 1, -1, 5, -5]
    xs = [float(np.float64(y) + s * np.spacing(y)) for y, s in zip(ys, steps)]
    cases.append(("ulp-neighbours", xs, floats(ys)))

    # x = y * (1 + r * 10^-k) for relative differences 1e-4 .. 1e-15
    for k in range(4, 16):
        rng = rng_for(f"elementwise-near-{k}")
        ys = 10.0 ** rng.uniform(-12, 12, 20)
        r = rng.uniform(0.5, 1.0, 20) * rng.choice([-1.0, 1.0], 20)
        xs = ys * (1.0 + r * 10.0 ** -k)
        cases.append((f"near-equal-1e-{k}", floats(xs), floats(ys)))

    rng = rng_for("elementwise-random-unit")
    cases.append(("random-unit", floats(rng.random(40)), floats(rng.random(40))))
    rng = rng_for("elementwise-random-wide")
    cases.append(("random-wide", floats(10.0 ** rng.uniform(-20, 20, 40)),
                  floats(10.0 ** rng.uniform(-20, 20, 40))))
    rng = rng_for("elementwise-random-integers")
    cases.append(("random-integers", floats(rng.integers(1, 1000, 40)),
                  floats(rng.integers(1, 1000, 40))))
    return cases


def elementwise_cases():
    cases = []
    for case_id, xs, ys in elementwise_inputs():
        assert len(xs) == len(ys), case_id
        x, y = np.array(xs), np.array(ys)
        with np.errstate(all="ignore"):
            scipy_rel, scipy_kl = scipy.special.rel_entr(x, y), scipy.special.kl_div(x, y)
        rel = [ref_rel_entr(a, b) for a, b in zip(xs, ys)]
        kl = [ref_kl_div(a, b) for a, b in zip(xs, ys)]
        # every pair again at twice its precision
        recheck(f"elementwise {case_id}", [rel, kl],
                [[ref_rel_entr(a, b, 2) for a, b in zip(xs, ys)],
                 [ref_kl_div(a, b, 2) for a, b in zip(xs, ys)]],
                max((case_dps([a, b]) for a, b in zip(xs, ys)), default=MP_DPS))
        cases.append({
            "id": case_id,
            "x": xs,
            "y": ys,
            "relEntr": rel,
            "klDiv": kl,
            "scipyRelEntr": scipy_rel,
            "scipyKlDiv": scipy_kl,
        })
    return cases


# ---------------------------------------------------------------------------
# mutual-information.json
#
# For integer tables, sklearn.metrics.mutual_info_score(None, None,
# contingency=table) computes this same quantity in nats (float64, clipped
# below at 0), so "expected.nats" is what it should return up to rounding;
# scikit-learn is not installed here, so its output is not recorded.
# ---------------------------------------------------------------------------

def mi_dps(data, scale=1):
    """Working precision of a table: the products n_ij*N and r_i*c_j span
    (at most) twice the range of the entries and their sums."""
    return case_dps(data, scale, products=True)


def mi_expected(data, rows, cols, scale=1):
    """{"nats", "bits"} rounded references at mi_dps(data) times scale."""
    with mp.workdps(mi_dps(data, scale)):
        nats = mutual_information_nats(data, rows, cols)
        return {"nats": to_double(nats), "bits": to_double(nats / mpmath.log(2))}


def mutual_information_nats(data, rows, cols):
    """sum over n_ij > 0 of p_ij log(p_ij / (p_i. p_.j)) with p = n / N.

    At the current mp.dps; mi_expected sets it from the data.
    """
    n = [mpf(x) for x in data]
    total = mpmath.fsum(n)
    row = [mpmath.fsum(n[i * cols:(i + 1) * cols]) for i in range(rows)]
    col = [mpmath.fsum(n[j::cols]) for j in range(cols)]
    # p_ij / (p_i. p_.j) = n_ij N / (r_i c_j); for integer tables both products
    # are exact, so an exactly independent table gives log(1) = 0 exactly.
    terms = [n[i * cols + j] * log_ratio(n[i * cols + j] * total, row[i] * col[j])
             for i in range(rows) for j in range(cols) if n[i * cols + j] != 0]
    return mpmath.fsum(terms) / total


def outer(a, b):
    return np.outer(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64))


def near_independent(tag, rows, cols, delta):
    """Outer product of float marginals, each cell perturbed by relative delta."""
    rng = rng_for(tag)
    t = outer(probs(rng, rows), probs(rng, cols))
    return t * (1.0 + delta * rng.uniform(-1.0, 1.0, (rows, cols)))


def mi_inputs():
    """(id, rows, cols, stored data, values) tuples."""
    out = []

    def explicit(case_id, matrix):
        m = np.asarray(matrix, dtype=np.float64)
        rows, cols = m.shape
        out.append((case_id, rows, cols, floats(m.ravel()), floats(m.ravel())))

    explicit("1x1", [[7]])
    explicit("1x5", [[3, 0, 5, 1, 2]])
    explicit("5x1", [[3], [0], [5], [1], [2]])
    explicit("2x2-mixed", [[10, 3], [2, 7]])
    explicit("2x2-diagonal", [[10, 0], [0, 10]])  # MI = ln 2
    explicit("2x2-independent", [[2, 4], [3, 6]])  # MI = 0
    explicit("2x2-zero-row", [[0, 0], [3, 5]])
    explicit("2x2-zero-col", [[4, 0], [9, 0]])
    explicit("2x2-single-cell", [[0, 0], [0, 5]])
    explicit("3x4", rng_for("mi-3x4").integers(0, 20, (3, 4)))
    m = rng_for("mi-3x4-zeros").integers(1, 20, (3, 4))
    m[1, :] = 0
    m[:, 2] = 0
    m[0, 0] = m[2, 3] = 0
    explicit("3x4-zero-row-col-cells", m)
    explicit("10x10", rng_for("mi-10x10").integers(1, 50, (10, 10)))
    rng = rng_for("mi-10x10-sparse")
    m = rng.integers(1, 50, (10, 10)) * (rng.random((10, 10)) < 0.6)
    m[3, :] = 0
    m[:, 7] = 0
    m[:, 0] = 0
    explicit("10x10-sparse-zero-rows-cols", m)
    explicit("10x10-large-counts", rng_for("mi-10x10-large").integers(1, 10**9, (10, 10)))
    # exact outer products of integer marginals: exactly independent, MI = 0
    explicit("outer-3x4", outer([3, 5, 2], [4, 1, 7, 2]))
    explicit("outer-10x10", outer(rng_for("mi-outer-10a").integers(1, 30, 10),
                                  rng_for("mi-outer-10b").integers(1, 30, 10)))
    explicit("outer-large-6x7", outer(rng_for("mi-outer-la").integers(1, 10**5, 6),
                                      rng_for("mi-outer-lb").integers(1, 10**5, 7)))
    explicit("outer-with-zero-marginals", outer([3, 0, 5, 2], [0, 4, 1, 0, 7]))
    # nearly independent float tables: MI ~ delta^2
    for delta, name in ((1e-6, "1e-6"), (1e-9, "1e-9")):
        for rows, cols in ((4, 5), (10, 10)):
            tag = f"near-independent-{name}-{rows}x{cols}"
            explicit(tag, near_independent(tag, rows, cols, delta))
    # perfectly dependent: MI = H(X)
    explicit("diagonal-3", np.diag([5, 3, 2]))
    explicit("diagonal-10", np.diag(rng_for("mi-diag-10").integers(1, 100, 10)))
    explicit("permutation-5x5", np.eye(5)[[2, 0, 4, 1, 3]] * [[7], [1], [4], [4], [9]])
    explicit("block-dependent-4x4", [[5, 3, 0, 0], [2, 6, 0, 0], [0, 0, 4, 4], [0, 0, 1, 8]])
    explicit("float-3x3", rng_for("mi-float-3x3").uniform(0.01, 1.0, (3, 3)))
    explicit("float-wide-range", [[1e-200, 1e-100, 1.0], [1e100, 1e200, 1e-300]])

    # generated, stored as specs
    for case_id, rows, cols, spec in (
        ("gen-100x50", 100, 50, {"seed": 101, "n": 5000, "kind": "counts"}),
        ("gen-100x50-zeros", 100, 50, {"seed": 102, "n": 5000, "kind": "counts", "zeroEvery": 6}),
        ("gen-50x100-unit", 50, 100, {"seed": 103, "n": 5000, "kind": "unit"}),
        ("gen-100x50-dense-zeros", 100, 50,
         {"seed": 104, "n": 5000, "kind": "counts", "zeroEvery": 2, "zeroSeed": 7}),
    ):
        out.append((case_id, rows, cols, {"gen": spec}, generate(spec)))
    return out


def mi_cases():
    cases = []
    for case_id, rows, cols, stored, values in mi_inputs():
        assert len(values) == rows * cols
        assert isinstance(stored, dict) or len(values) < INLINE_LIMIT
        expected = mi_expected(values, rows, cols)
        # every table (the largest has 5000 cells) again at twice the precision
        recheck(f"mutual-information {case_id}", expected, mi_expected(values, rows, cols, 2),
                mi_dps(values))
        if not (expected["nats"] >= 0 and expected["bits"] >= 0):
            raise AssertionError(f"mutual-information {case_id}: negative MI {expected}")
        cases.append({
            "id": case_id,
            "rows": rows,
            "cols": cols,
            "data": stored,
            "expected": expected,
        })
    return cases


# ---------------------------------------------------------------------------
# generators.json: checksums of every generated input
# ---------------------------------------------------------------------------

def gen_specs_in(cases):
    """Every {"gen": spec} found anywhere in the cases, in order of appearance."""
    found = {}

    def walk(v):
        if isinstance(v, dict):
            if set(v) == {"gen"}:
                found.setdefault(json.dumps(v["gen"], sort_keys=True, separators=(",", ":")), v["gen"])
            else:
                for x in v.values():
                    walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(cases)
    return list(found.items())


def generator_cases(all_cases):
    cases = []
    for key, spec in gen_specs_in(all_cases):
        values = generate(spec)
        cases.append({
            "id": key,
            "spec": spec,
            "head": values[:5],
            "tail": values[-5:],
            "zeros": sum(1 for v in values if v == 0),
            "sum": math.fsum(values),  # correctly rounded
            "sha256": sha256_f64(values),
        })
    return cases


# ---------------------------------------------------------------------------
# Self-checks
# ---------------------------------------------------------------------------

def check_reduction_invariants(case):
    """Abort on references that no exact computation can produce.

    The checks are on the stored doubles; rounding to nearest is monotonic,
    so every exact inequality (also against a bound like log_b 2) survives it.
    Precision failures show up here first: a normalised KL that lost its
    dominant term came out negative at a fixed 40 digits.
    """
    e, base = case["expected"], case["base"]
    bad = []
    if any(math.isnan(v) for v in e.values()):
        bad.append("NaN")
    if not abs(e["kl"]) <= e["termScale"]:
        bad.append("|kl| > termScale")
    if case["normalize"]:
        log_b2 = mpmath.log(2) / (1 if base is None else mpmath.log(base))
        ln2, sqrt_ln2 = to_double(log_b2), to_double(mpmath.sqrt(log_b2))
        if not e["kl"] >= 0:
            bad.append("kl < 0")
        if not e["klReverse"] >= 0:
            bad.append("klReverse < 0")
        if not e["entropy"] >= 0:
            bad.append("entropy < 0")
        if not e["crossEntropy"] >= e["entropy"]:
            bad.append("crossEntropy < entropy")
        if not 0 <= e["js"] <= ln2:
            bad.append("js outside [0, log 2]")
        if not 0 <= e["jsDistance"] <= sqrt_ln2:
            bad.append("jsDistance outside [0, sqrt(log 2)]")
    if bad:
        raise AssertionError(f"reductions {case['id']}: {', '.join(bad)}: {e}")


# ---------------------------------------------------------------------------
# Output and summary
# ---------------------------------------------------------------------------

def write_fixture(name, cases):
    """One case per line: small diffs, still a single JSON document."""
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), f"duplicate ids in {name}"
    header = {
        "generator": GENERATOR,
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "mpmath_dps": MP_DPS,
    }
    head = ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in header.items())
    body = ",\n".join(json.dumps(enc(c), separators=(",", ":"), allow_nan=False) for c in cases)
    path = OUT_DIR / name
    path.write_text("{" + head + ', "cases": [\n' + body + "\n]}\n")
    return path.stat().st_size


def rel_diff(value, ref):
    """Relative difference, treating NaN/inf mismatches as infinitely different."""
    value, ref = dec(value), dec(ref)
    if math.isnan(value) or math.isnan(ref):
        return 0.0 if math.isnan(value) and math.isnan(ref) else math.inf
    if value == ref:
        return 0.0
    if math.isinf(value) or math.isinf(ref) or ref == 0:
        return math.inf
    return abs(value - ref) / abs(ref)


def scipy_disagreements(reductions, elementwise):
    """(rel diff, where, scipy value, reference) above REPORT_REL, worst first."""
    found = []
    for c in reductions:
        for key, value in c["scipy"].items():
            d = rel_diff(value, c["expected"][key])
            if d > REPORT_REL:
                found.append((d, f"reductions {c['id']} {key}", float(dec(value)), c["expected"][key]))
    for c in elementwise:
        for ours, theirs in (("relEntr", "scipyRelEntr"), ("klDiv", "scipyKlDiv")):
            for i, (ref, value) in enumerate(zip(c[ours], c[theirs])):
                d = rel_diff(value, ref)
                if d > REPORT_REL:
                    found.append((d, f"elementwise {c['id']}[{i}] {ours} x={c['x'][i]!r} y={c['y'][i]!r}",
                                  float(dec(value)), ref))
    return found


def main():
    t0 = time.time()
    OUT_DIR.mkdir(parents=True, exist_ok=True)

    reductions = reduction_cases()
    elementwise = elementwise_cases()
    mutual = mi_cases()
    generators = generator_cases([reductions, mutual])

    sizes = {
        "reductions.json": (len(reductions), write_fixture("reductions.json", reductions)),
        "elementwise.json": (len(elementwise), write_fixture("elementwise.json", elementwise)),
        "mutual-information.json": (len(mutual), write_fixture("mutual-information.json", mutual)),
        "generators.json": (len(generators), write_fixture("generators.json", generators)),
    }

    print(f"fixtures written to {OUT_DIR.relative_to(ROOT)} in {time.time() - t0:.0f} s")
    for name, (count, size) in sizes.items():
        print(f"  {name:26s} {count:4d} cases {size / 1024:8.1f} KiB")
    pairs = sum(len(c["x"]) for c in elementwise)
    print(f"  elementwise pairs: {pairs}; total {sum(s for _, s in sizes.values()) / 1024:.1f} KiB")

    found = scipy_disagreements(reductions, elementwise)
    js_nan = [c["id"] for c in reductions if math.isnan(c["scipy"].get("jsDistance", 0.0))]
    print(f"SciPy vs mpmath: {len(found)} values differ by more than {REPORT_REL:g} relative "
          f"({len(js_nan)} are jensenshannon NaN)")
    finite = sorted((f for f in found if math.isfinite(f[0])), key=lambda f: -f[0])
    for d, where, value, ref in finite[:8]:
        print(f"  {where}: scipy {value!r} vs {ref!r} (rel {d:.1e})")
    for d, where, value, ref in [f for f in found if not math.isfinite(f[0])][:6]:
        print(f"  {where}: scipy {value!r} vs {ref!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
