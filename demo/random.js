// Two histograms of N simulated events each, binned in plain JS. Seeded, so the same
// N and B always give the same bars (and the race times the same data).

/** mulberry32: a tiny, fast 32-bit PRNG; plenty for a demo. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LO = -4;
const HI = 4;

/** Counts of N draws of Normal(mean, sd) in B equal bins over [LO, HI]; tails go to the end bins. */
function binNormal(n, bins, mean, sd, seed) {
  const next = rng(seed);
  const counts = new Float64Array(bins);
  const scale = bins / (HI - LO);
  const add = (z) => {
    const k = Math.floor((mean + sd * z - LO) * scale);
    counts[k < 0 ? 0 : k >= bins ? bins - 1 : k]++;
  };
  // Box–Muller gives two normals per pair of uniforms: use both (no arrays in the loop,
  // so 1e7 events stay well under a second).
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - next()));
    const a = 2 * Math.PI * next();
    add(r * Math.cos(a));
    if (i + 1 < n) add(r * Math.sin(a));
  }
  return counts;
}

export function randomPair(n, bins) {
  const p = binNormal(n, bins, 0, 1, 1);
  const q = binNormal(n, bins, 0.25, 1.1, 2);
  const w = (HI - LO) / bins;
  const labels = Array.from({ length: bins }, (_, i) => (LO + (i + 0.5) * w).toFixed(2));
  return { p, q, labels };
}
