// Error-free transformations (Dekker/Veltkamp), for the few places where a difference of
// two products must keep every bit: x·y − u·v when the two products nearly agree.

const SPLITTER = 134217729; // 2^27 + 1

/** Low part of x·y: x·y = fl(x·y) + productError(x, y) exactly (|x|,|y| < 2^995). */
export function productError(x: number, y: number, xy: number): number {
  let c = SPLITTER * x;
  const xh = c - (c - x);
  const xl = x - xh;
  c = SPLITTER * y;
  const yh = c - (c - y);
  const yl = y - yh;
  return xl * yl - (xy - xh * yh - xh * yl - xl * yh);
}

/**
 * x·y − u·v to within an ulp or two of the true difference, however much cancels.
 * fl(x·y) − fl(u·v) is exact when the products are within a factor of 2 (Sterbenz);
 * adding the two product errors then restores the bits rounding removed.
 */
export function diffOfProducts(x: number, y: number, u: number, v: number): number {
  const xy = x * y;
  const uv = u * v;
  return xy - uv + (productError(x, y, xy) - productError(u, v, uv));
}

/** Products this large could overflow inside the splitting above. */
export const SPLIT_LIMIT = 2 ** 995;
/** Below this a product's rounding error underflows and the difference is no longer exact. */
export const EXACT_MIN = 2 ** -960;

/** Can diffOfProducts(x, y, u, v) be trusted for these operands? */
export function exactRange(x: number, y: number, u: number, v: number): boolean {
  return x < SPLIT_LIMIT && u < SPLIT_LIMIT && x * y >= EXACT_MIN && u * v >= EXACT_MIN;
}
