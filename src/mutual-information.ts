import { miNats } from './measures/mutual-information.js';
import type { Matrix, Options, Vector } from './types.js';
import { asMatrix, firstInvalid, resolveOptions } from './validate.js';
import { InputRangeError } from './errors.js';

/**
 * Mutual information I(X;Y) of a joint histogram or contingency table, given as
 * `{ data, rows, cols }` (row-major) or an array of rows. In nats it equals
 * scikit-learn's `mutual_info_score(contingency=…)`: Σ pxy·log(pxy / (px·py)).
 * The table is always normalised; `options.normalize` is ignored. In nats, or in
 * `base`. Negative or NaN cells are InputRangeErrors naming the cell.
 * @example
 * ```ts
 * import { mutualInformation } from 'infodiv';
 * mutualInformation([[10, 0], [0, 10]], { base: 2 }); // 1
 * mutualInformation([[10, 0], [0, 10]]); // 0.6931471805599453
 * mutualInformation([[5, 5], [5, 5]]); // 0
 * mutualInformation({ data: [1, 2, 3, 4], rows: 2, cols: 2 }); // 0.004021743230482432
 * ```
 */
export function mutualInformation(joint: Matrix | Vector[], opts?: Options): number {
  const m = asMatrix(joint, 'joint');
  const { logBase } = resolveOptions(opts);
  // Contingency tables are small next to the vectors the kernels are for: plain JS.
  const i = firstInvalid(m.data);
  const value = i < 0 ? miNats(m) : NaN;
  if (!Number.isNaN(value)) return value / logBase;
  if (i >= 0) {
    const r = Math.floor(i / m.cols);
    const c = i - r * m.cols;
    throw new InputRangeError(
      `joint[${r}][${c}] is ${m.data[i]}; entries must be finite and ≥ 0`,
      'joint',
      i,
    );
  }
  throw new InputRangeError('joint sums to 0: no observations to measure', 'joint');
}
