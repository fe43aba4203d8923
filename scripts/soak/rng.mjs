// The soak's randomness: one seeded generator (mulberry32) so that a failing run is
// replayed exactly with `--seed S`, and the size distribution it draws from.

/** A generator of uniform doubles in [0, 1) from a 32-bit seed. */
export function generator(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return {
    next,
    /** A whole number in [lo, hi]. */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    /** A standard normal draw (Box–Muller). */
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
  };
}

/**
 * Sizes: log-uniform within three bands, so every size from 1 to 1e6 occurs while the
 * total work stays bounded: 95% of calls in [1, 1e3], 4.5% in [1e3, 1e5], 0.5% in
 * [1e5, 1e6]. Mean about 3,000 elements a call (a plain log-uniform over [1, 1e6] would
 * average 72,000, and the sorting and exact-p-value cases cost up to a few µs an
 * element, so 1e6 calls would take many hours).
 */
export const SIZE_BANDS = [
  { share: 0.95, lo: 1, hi: 1e3 },
  { share: 0.045, lo: 1e3, hi: 1e5 },
  { share: 0.005, lo: 1e5, hi: 1e6 },
];
export const MAX_SIZE = 1e6;

export function drawSize(rng) {
  let u = rng.next();
  for (const band of SIZE_BANDS) {
    if (u < band.share) return Math.min(band.hi, Math.floor(band.lo * (band.hi / band.lo) ** rng.next()));
    u -= band.share;
  }
  return MAX_SIZE;
}
