/** Splits rows [0, n) into at most `parts` contiguous ranges of about equal total weight. */
export function splitRows(n: number, parts: number, weight: (i: number) => number): [number, number][] {
  if (!Number.isInteger(parts) || parts < 1) throw new Error(`infodiv: splitRows needs a whole number of parts ≥ 1, got ${parts}`);
  let total = 0;
  for (let i = 0; i < n; i++) total += weight(i);
  const ranges: [number, number][] = [];
  let from = 0;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += weight(i);
    if (acc >= (total * (ranges.length + 1)) / parts && ranges.length < parts - 1) {
      ranges.push([from, i + 1]);
      from = i + 1;
    }
  }
  if (from < n || ranges.length === 0) ranges.push([from, n]);
  return ranges;
}
