// Categorical columns: the categories a reference holds (its `top` most frequent, the
// rest pooled with categories first seen later in an 'other' bucket), and counts of
// any later sample into them. Missing values (null, undefined, NaN, '') are counted
// apart, never as a category.
import { InputRangeError, InputTypeError } from '../errors.js';
import { describe, requireAttached } from '../validate.js';

/** A categorical value: a string or a number (compared with SameValueZero, so 1 and '1' differ). */
export type Category = string | number;

/** The JSON form of Categories. */
export interface CategoriesJSON {
  /** The categories, most frequent in the reference first. */
  categories: Category[];
}

/** What `Categories.count` returns. */
export interface CategoryCounts {
  /** One count per category, then the 'other' bucket. */
  counts: Float64Array;
  /** Missing values (null, undefined, NaN, ''), counted apart. */
  missing: number;
}

export const isMissing = (v: unknown): boolean => v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));

/**
 * The categories of a reference (from `fitCategories`), with an 'other' bucket for
 * every value not among them, so later samples count into the same cells.
 */
export class Categories {
  private readonly index = new Map<Category, number>();

  /** Categories as given (`fitCategories` ranks them). */
  constructor(
    /** The categories, in the order of the counts. */
    readonly categories: readonly Category[],
  ) {
    categories.forEach((c, i) => this.index.set(c, i));
  }

  /**
   * Counts of `values` (strings or numbers) into the categories and 'other'; missing
   * values are counted apart. Any other value is an InputTypeError naming `name` and
   * its index (plus `offset`).
   */
  count(values: ArrayLike<unknown>, name = 'values', offset = 0): CategoryCounts {
    if (ArrayBuffer.isView(values)) requireAttached(values, name);
    const counts = new Float64Array(this.categories.length + 1);
    let missing = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (isMissing(v)) {
        missing++;
        continue;
      }
      if (typeof v !== 'string' && typeof v !== 'number') {
        throw new InputTypeError(`${name}[${i + offset}] is ${describe(v)}; a categorical value must be a string or a number`, name, i + offset);
      }
      counts[this.index.get(v) ?? this.categories.length]!++;
    }
    return { counts, missing };
  }

  /** A plain object for JSON.stringify; `Categories.fromJSON` reads it back. */
  toJSON(): CategoriesJSON {
    return { categories: [...this.categories] };
  }

  /** Categories from `toJSON`'s object or its JSON text; an InputTypeError without `categories`. */
  static fromJSON(json: CategoriesJSON | string): Categories {
    const j = typeof json === 'string' ? (JSON.parse(json) as CategoriesJSON) : json;
    if (j === null || typeof j !== 'object' || !Array.isArray(j.categories)) {
      throw new InputTypeError(`Categories.fromJSON needs { categories }, got ${describe(j)}`, 'json');
    }
    return new Categories(j.categories);
  }
}

/**
 * The categories of `reference`, most frequent first (ties in order of first
 * appearance), at most `top` of them (default 1000). Missing values are skipped;
 * a value that is not a string or number is an InputTypeError naming its index.
 * @example
 * ```ts
 * import { fitCategories } from 'infodiv';
 * const cats = fitCategories(['a', 'b', 'a', 'c'], { top: 2 });
 * cats.categories.join(); // 'a,b'
 * const { counts, missing } = cats.count(['a', 'c', 'd', null]); // a, b, other
 * counts[0]; // 1
 * counts[2]; // 2
 * missing; // 1
 * ```
 */
export function fitCategories(reference: ArrayLike<unknown>, opts: { top?: number } = {}): Categories {
  const top = opts.top ?? 1000;
  if (ArrayBuffer.isView(reference)) requireAttached(reference, 'reference');
  if (!Number.isInteger(top) || top < 1) throw new InputRangeError(`options.top is ${describe(top)}; it must be a whole number ≥ 1`, 'options.top');
  const freq = new Map<Category, number>();
  for (let i = 0; i < reference.length; i++) {
    const v = reference[i];
    if (isMissing(v)) continue;
    if (typeof v !== 'string' && typeof v !== 'number') {
      throw new InputTypeError(`reference[${i}] is ${describe(v)}; a categorical value must be a string or a number`, 'reference', i);
    }
    freq.set(v, (freq.get(v) ?? 0) + 1);
  }
  // Map iteration keeps first appearance; a stable sort keeps it among equal counts.
  const ranked = [...freq.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return new Categories(ranked.map(([c]) => c));
}
