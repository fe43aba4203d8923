// The README's code blocks, for the tests that run them as written.

export interface Block {
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

/** Every fenced block of the given language, in order. */
export function readmeBlocks(markdown: string, lang: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```' + lang) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    blocks.push({ code: body.join('\n'), line: start + 1 });
  }
  return blocks;
}

/**
 * The block with each `expression; // number` line turned into a check that the
 * expression gives that number (to half a unit in the last digit written, at least 1e-12 relative), so the
 * values the README shows are asserted, not only the absence of errors.
 */
export function withChecks(code: string): string {
  const lines = code.split('\n').map((l) => {
    const m = /^(\s*)([^=;]*?[^=;\s]);\s*\/\/\s*(-?\d[\d.]*(?:e[-+]?\d+)?)\s*$/.exec(l);
    if (!m || /^\s*(const|let|var|import|export|return)\b/.test(m[2]!)) return l;
    return `${m[1]}__check(${m[2]}, '${m[3]}', ${JSON.stringify(m[2])});`;
  });
  return `${CHECK}\n${lines.join('\n')}\n`;
}

// Half a unit in the last digit written (0.8 holds 0.75 to 0.85; 1.9e-3 holds
// 1.85e-3 to 1.95e-3), and never tighter than 1e-12 relative.
const CHECK = `const __check = (got, text, what) => {
  const want = Number(text);
  const [mantissa, exp = '0'] = text.replace(/^-/, '').split('e');
  const decimals = (mantissa.split('.')[1] ?? '').length;
  const tol = Math.max(1e-12 * Math.abs(want), 0.5 * 10 ** (Number(exp) - decimals));
  if (!(Math.abs(got - want) <= tol)) throw new Error(\`README: \${what} gave \${got}, the README says \${text}\`);
};`;
