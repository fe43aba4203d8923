"""test/fixtures/cli/*.npz: NumPy's own .npz archives for the CLI's .npz reader
(src/cli/formats/npz.ts, test/cli-formats.test.ts), written by np.savez and
np.savez_compressed, with the values they hold in npz_values.json; and a few broken
archives, each made from a real one, for the reader's errors."""
import json
import zipfile
from pathlib import Path

import numpy as np

out = Path(__file__).resolve().parent.parent / "test" / "fixtures" / "cli"
out.mkdir(parents=True, exist_ok=True)
p = np.array([0.1, 0.4, 0.5])  # 1-D float64
counts = np.array([[4, 0], [6, 1], [-2, 7]], dtype="<i4")  # 2-D int32, 3 rows
expected = {"p": p.tolist(), "counts.1": counts[:, 0].astype(float).tolist(), "counts.2": counts[:, 1].astype(float).tolist()}

np.savez(out / "arrays.npz", p=p, counts=counts)  # stored (method 0)
np.savez_compressed(out / "arrays_compressed.npz", p=p, counts=counts)  # deflated (method 8)

# Zip64 everywhere (extra fields with the sizes and offsets, the zip64 end records), as
# np.savez writes for arrays over 4 GiB: zipfile's limits lowered so tiny data does it too.
limits = zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT
zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = 0, 0
np.savez(out / "arrays_zip64.npz", p=p, counts=counts)
zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = limits
for name in ("arrays.npz", "arrays_compressed.npz", "arrays_zip64.npz"):
    with np.load(out / name) as z:  # NumPy reads back what it wrote
        assert np.array_equal(z["p"], p) and np.array_equal(z["counts"], counts), name

# writestr stamps entries with the time now; a fixed one keeps the fixtures the same each run.
def entry(name):
    return zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))


# Errors. Arrays of different lengths (no table has them):
np.savez(out / "ragged.npz", p=p, q=np.array([1.0, 2.0]))
# An entry that is not a .npy:
with zipfile.ZipFile(out / "not_npy.npz", "w") as z:
    z.writestr(entry("p.npy"), (out / "p_f8.npy").read_bytes())
    z.writestr(entry("notes.txt"), "not an array\n")
# An unsupported compression (bzip2, method 12):
with zipfile.ZipFile(out / "bzip2.npz", "w", compression=zipfile.ZIP_BZIP2) as z:
    z.writestr(entry("p.npy"), (out / "p_f8.npy").read_bytes(), compress_type=zipfile.ZIP_BZIP2)
stored = bytearray((out / "arrays.npz").read_bytes())
# Marked encrypted: bit 0 of the flags set in every local and central header.
enc = bytearray(stored)
for sig, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
    i = enc.find(sig)
    while i >= 0:
        enc[i + at] |= 1
        i = enc.find(sig, i + 4)
(out / "encrypted.npz").write_bytes(bytes(enc))
# A CRC mismatch: the last byte of the first entry's data changed (its CRC kept).
bad = bytearray(stored)
second = bad.find(b"PK\x03\x04", 4)  # the next local header follows the first entry's data
bad[second - 1] ^= 0xFF
(out / "bad_crc.npz").write_bytes(bytes(bad))
# Not a zip at all:
(out / "not_zip.npz").write_bytes(b"p,q\n0.1,0.2\n")

values = {name: expected for name in ("arrays.npz", "arrays_compressed.npz", "arrays_zip64.npz")}
(out / "npz_values.json").write_text(json.dumps(values, indent=1) + "\n")
