"""test/fixtures/cli/*.npy: NumPy's own .npy files for the CLI's reader (test/cli.test.ts),
written by np.save, with the values they hold in values.json."""
import json
from pathlib import Path

import numpy as np

out = Path(__file__).resolve().parent.parent / "test" / "fixtures" / "cli"
out.mkdir(parents=True, exist_ok=True)
p = np.array([0.1, 0.4, 0.5])
arrays = {
    "p_f8.npy": p,
    "q_f4.npy": np.array([0.8, 0.15, 0.05], dtype="<f4"),
    "counts_i4.npy": np.array([4, 0, 6], dtype="<i4"),
    "counts_u1.npy": np.array([3, 2, 5], dtype="u1"),
    "rows_f8_2d.npy": np.array([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0], [2.0, 2.0, 2.0]]),
    "big_endian.npy": np.array([1.0, 2.0], dtype=">f8"),
    "fortran.npy": np.asfortranarray(np.array([[1.0, 2.0], [3.0, 4.0]])),
}
values = {}
for name, a in arrays.items():
    np.save(out / name, a)
    values[name] = a.astype(float).tolist()
(out / "values.json").write_text(json.dumps(values, indent=1) + "\n")
