// scipy.special.rel_entr and kl_div, element by element, with SciPy's edge cases but
// forms that keep their digits where SciPy's cancel (x ≈ y) or overflow (huge x/y).
import type { Vector } from '../../types.js';
import { logRatio } from '../../numeric/ratio.js';
import { h } from '../../numeric/series.js';

export function relEntrAt(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x > 0 && y > 0) return x * logRatio(x, y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

export function klDivAt(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x > 0 && y > 0) {
    const r = x / y;
    // x·log(x/y) − x + y cancels to nothing when x ≈ y; y·h(x/y − 1) does not.
    if (r > 0.25 && r < 4) return y * h((x - y) / y);
    const L = logRatio(x, y);
    // x·log(x/y) alone can overflow where the whole does not (x near 1.8e308, x/y ≥ 4).
    const v = x * L - x + y;
    return v === Infinity ? x * (L - 1) + y : v;
  }
  if (x === 0 && y >= 0) return y;
  return Infinity;
}

export function relEntrInto(p: Vector, q: Vector, out: Float64Array): void {
  for (let i = 0; i < p.length; i++) out[i] = relEntrAt(p[i]!, q[i]!);
}

export function klDivInto(p: Vector, q: Vector, out: Float64Array): void {
  for (let i = 0; i < p.length; i++) out[i] = klDivAt(p[i]!, q[i]!);
}
