"""SciPy's timings for the measures bench/run.mjs times, on the same inputs.

(Not named scipy.py: run as a script, that name would shadow the scipy package.)

Run by bench/run.mjs when python3 with numpy and scipy is present (else it prints a note
and skips), so every ratio against SciPy comes from the same machine and the same run.
Prints one JSON object: case name -> median ns/element.
"""
import json
import sys
import time

import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.special import rel_entr
from scipy.stats import entropy

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000


def distribution(seed):
    # The LCG of bench/run.mjs: the same numbers (up to the rounding of the normalising sum).
    s = np.empty(N, dtype=np.uint64)
    state = seed
    for i in range(N):
        state = (state * 1664525 + 1013904223) % 2**32
        s[i] = state
    x = (s.astype(np.float64) + 1) / 2**32
    return x / x.sum()


def median_ns(f, runs=15):
    f()  # warm-up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return sorted(times)[runs // 2] * 1e9 / N


p = distribution(1)
q = distribution(2)
out = {
    "kl f64: scipy rel_entr sum": median_ns(lambda: rel_entr(p, q).sum()),
    "kl f64: scipy.stats.entropy(p, q)": median_ns(lambda: entropy(p, q)),
    "entropy f64: scipy.stats.entropy(p)": median_ns(lambda: entropy(p)),
    "js f64: scipy jensenshannon (squared)": median_ns(lambda: jensenshannon(p, q) ** 2),
}
print(json.dumps(out))
