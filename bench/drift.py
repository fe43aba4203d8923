"""NumPy side of bench/drift.mjs: the current slice binned with np.histogram on each
column's fitted edges, the values outside counted as two more bins, zeros replaced by
1e-4 of the total, and PSI per column against the reference counts, the way Evidently
computes it. Prints {"numpy": version, "ms": time} as JSON."""

import json
import sys
import time
from pathlib import Path

import numpy as np

d = Path(sys.argv[1])
meta = json.loads((d / "profile.json").read_text())
rows, cols = meta["rows"], meta["cols"]
data = np.fromfile(d / "current.f64", dtype=np.float64).reshape(cols, rows)
t0 = time.perf_counter()
out = []
for c, col in enumerate(meta["columns"]):
    edges = np.asarray(col["edges"])
    x = data[c]
    counts, _ = np.histogram(x, bins=edges)
    cur = np.concatenate(([np.sum(x < edges[0])], counts, [np.sum(x > edges[-1])])).astype(np.float64)
    ref = np.asarray(col["reference"], dtype=np.float64)
    ref = np.concatenate(([0.0], ref, [0.0]))
    p = ref / ref.sum()
    q = cur / cur.sum()
    p = np.where(p == 0, 1e-4, p)
    q = np.where(q == 0, 1e-4, q)
    out.append(float(np.sum((p - q) * np.log(p / q))))
ms = (time.perf_counter() - t0) * 1000
print(json.dumps({"numpy": np.__version__, "ms": ms, "psi0": out[0]}))
