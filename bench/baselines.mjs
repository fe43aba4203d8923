// The naive JS loops the kernels are measured against: what a user would write by hand,
// each the same formula as the measure it stands for, over normalised inputs.

export function naiveKl(p, q) {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i];
    if (a > 0) s += a * Math.log(a / q[i]);
  }
  return s;
}

export function naiveEntropy(p) {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i];
    if (a > 0) s -= a * Math.log(a);
  }
  return s;
}

export function naiveJs(p, q) {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i];
    const b = q[i];
    const m = 0.5 * (a + b);
    if (a > 0) s += 0.5 * a * Math.log(a / m);
    if (b > 0) s += 0.5 * b * Math.log(b / m);
  }
  return s;
}

/** A plain JS histogram loop: equal-width bins over [lo, hi), no edge corrections. */
export function naiveHistogram(values, bins, lo, hi) {
  const counts = new Float64Array(bins);
  const scale = bins / (hi - lo);
  for (let i = 0; i < values.length; i++) {
    const b = Math.floor((values[i] - lo) * scale);
    if (b >= 0 && b < bins) counts[b]++;
  }
  return counts;
}
