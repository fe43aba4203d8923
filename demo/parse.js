// Turns pasted text into a number[]: a JSON array, or CSV that is one row or one column.
// Shape problems (ragged rows, a table, words) are caught here because the library only
// ever sees a flat vector. Values are passed through untouched — negatives, NaN and empty
// input go on to the library, so its own error message (naming the index) is what shows.

/** @returns {number[]} */
export function parseHistogram(text) {
  const t = text.trim();
  if (t.startsWith('[')) return parseJson(t);
  return parseCsv(t);
}

function parseJson(t) {
  let v;
  try {
    v = JSON.parse(t);
  } catch (e) {
    throw new SyntaxError(`not valid JSON: ${e.message}`);
  }
  if (!Array.isArray(v)) throw new TypeError('JSON must be an array of numbers');
  return v.map((x, i) => {
    // JSON has no NaN literal; null is the usual stand-in, so let the library reject it as NaN.
    if (x === null) return NaN;
    if (typeof x !== 'number') throw new TypeError(`JSON entry ${i} is ${JSON.stringify(x)}, not a number`);
    return x;
  });
}

function parseCsv(t) {
  if (t === '') return []; // the library reports empty input
  const rows = t.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  const cells = rows.map((line) => line.split(/\s*[,;\t]\s*|\s+/).filter((c) => c !== ''));
  const widths = cells.map((r) => r.length);
  if (rows.length > 1 && widths.some((w) => w !== 1)) {
    const bad = widths.findIndex((w) => w !== widths[0]);
    if (bad >= 0) throw new RangeError(`ragged CSV: row ${bad + 1} has ${widths[bad]} values, row 1 has ${widths[0]}`);
    throw new RangeError(`CSV is a ${rows.length}×${widths[0]} table; paste one row or one column`);
  }
  return cells.flat().map((c, i) => {
    const x = Number(c);
    // Number('NaN') is NaN too: that one is meant, so the library names it; words are not.
    if (Number.isNaN(x) && c !== 'NaN') throw new SyntaxError(`value ${i + 1} ("${c}") is not a number`);
    return x;
  });
}
