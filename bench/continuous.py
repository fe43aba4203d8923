"""bench:continuous's Python reference: the same k-NN KL estimator (Wang, Kulkarni and
Verdu) with scipy.spatial.cKDTree, on the samples bench/continuous.mjs wrote, timed the
same way (median of the rounds). Prints JSON."""
import json
import os
import sys
import time

# bench/scipy.py sits next to this file and would shadow the scipy package.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

import numpy as np
import scipy
from scipy import spatial


def kl(x, y, k):
    d = x.shape[1]
    rho = spatial.cKDTree(x).query(x, k + 1)[0][:, k]
    nu = spatial.cKDTree(y).query(x, k)[0]
    nu = nu if k == 1 else nu[:, k - 1]
    return float(d * np.mean(np.log(nu / rho)) + np.log(len(y) / (len(x) - 1)))


d = sys.argv[1]
meta = json.load(open(f"{d}/meta.json"))
x = np.fromfile(f"{d}/x.f64").reshape(-1, meta["dim"])
y = np.fromfile(f"{d}/y.f64").reshape(-1, meta["dim"])
times = []
for _ in range(meta["rounds"]):
    t = time.perf_counter()
    v = kl(x, y, meta["k"])
    times.append((time.perf_counter() - t) * 1000)
times.sort()
print(json.dumps({"ms": times[len(times) // 2], "spread": [times[0], times[-1]], "estimate": v, "scipy": scipy.__version__}))
