const MIN_NORMAL = 2 ** -1022;

/** log(x/y) for x, y > 0, without the overflow, underflow or cancellation of log(x/y). */
export function logRatio(x: number, y: number): number {
  const r = x / y;
  if (r > 0.5 && r < 2) return Math.log1p((x - y) / y);
  if (r >= MIN_NORMAL && r < Infinity) return Math.log(r);
  return Math.log(x) - Math.log(y);
}
