// Every `@example` in the doc comments of src/ runs, with its commented values asserted,
// and every exported symbol of the package has a doc comment.
//
// The examples run against the source (src/index.ts), not dist/: the doc comments
// document the source, a stale or missing build cannot hide a broken example, and no
// build is needed. The README's blocks already run against the packed package
// (test/package.test.ts), which covers the shipped build. Each example is written as a
// user writes it, `import { … } from 'infodiv'`; that import is bound to the source's
// exports, and TypeScript syntax is stripped by the compiler (transpileModule), so an
// example may be typed code.
//
// `npm run docs` (typedoc.json: validation.notDocumented, warnings as errors) checks
// documentation more finely, down to the fields of inline object types; the test here
// checks the exported symbols and the members of exported classes and interfaces, so
// `npm test` guards them without running TypeDoc (about 20 s).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as infodiv from '../src/index.js';
import { withChecks } from './readme.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const srcDir = join(root, 'src');

interface Example {
  /** Where the doc comment is: 'src/divergences.ts:120'. */
  where: string;
  /** The code of one fenced block. */
  code: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The doc comments the TypeScript parser attaches to declarations (what TypeDoc reads), by position. */
function docComments(file: string, text: string): { pos: number; text: string }[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const seen = new Map<number, string>();
  const visit = (node: ts.Node) => {
    for (const doc of (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? []) seen.set(doc.pos, text.slice(doc.pos, doc.end));
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return [...seen].sort((a, b) => a[0] - b[0]).map(([pos, t]) => ({ pos, text: t }));
}

/**
 * The `@example` tags of every doc comment, each tag's fenced code blocks in order. A
 * tag without a ```ts block is returned with code undefined: the test fails it, since
 * an example that does not run can go stale. So is an `@example` outside any doc
 * comment the parser attaches (TypeDoc would not show it either).
 */
function examplesOf(file: string): { where: string; code: string | undefined }[] {
  const text = readFileSync(file, 'utf8');
  if (!text.includes('@example')) return [];
  const out: { where: string; code: string | undefined }[] = [];
  const docs = docComments(file, text);
  const attached = docs.reduce((n, d) => n + (d.text.match(/@example\b/g)?.length ?? 0), 0);
  if (attached !== (text.match(/@example\b/g)?.length ?? 0)) out.push({ where: `${relative(root, file)}: an @example outside a doc comment`, code: undefined });
  for (const doc of docs) {
    const comment = doc.text;
    const startLine = text.slice(0, doc.pos).split('\n').length;
    const lines = comment
      .replace(/^\/\*\*/, '')
      .replace(/\*\/$/, '')
      .split('\n')
      .map((l) => l.replace(/^\s*\* ?/, ''));
    for (let i = 0; i < lines.length; i++) {
      if (!/^\s*@example\b/.test(lines[i]!)) continue;
      const where = `${relative(root, file)}:${startLine + i}`;
      // The tag runs to the next block tag or the end of the comment.
      let end = i + 1;
      while (end < lines.length && !/^\s*@\w/.test(lines[end]!)) end++;
      const body = lines.slice(i + 1, end);
      let found = false;
      for (let j = 0; j < body.length; j++) {
        if (!/^\s*```(ts|typescript)\s*$/.test(body[j]!)) continue;
        const code: string[] = [];
        for (j++; j < body.length && !/^\s*```\s*$/.test(body[j]!); j++) code.push(body[j]!);
        out.push({ where: `${where} #${out.length + 1}`, code: code.join('\n') });
        found = true;
      }
      if (!found) out.push({ where, code: undefined });
      i = end - 1;
    }
  }
  return out;
}

/**
 * The README's convention (test/readme.ts), `expr; // value` asserting the value, with a
 * stricter tolerance for numbers: to half a unit in the last digit written (1e-12
 * relative at least), where withChecks allows 0.5·10^-(digits−1) relative, which for a
 * one-digit value is ±50% (2 would pass for 3). Also a line `expr; // Infinity` (or
 * -Infinity, NaN, true, false, null, undefined, a quoted string) asserts that value
 * with Object.is. withChecks then finds nothing left to convert.
 */
function withValueChecks(code: string): string {
  const check = /^(\s*)([^=;]*?[^=;\s]);\s*\/\/\s*(-?\d[\d.]*(?:e[-+]?\d+)?|-?Infinity|NaN|true|false|null|undefined|'[^']*'|"[^"]*")\s*$/;
  const lines = code.split('\n').map((l) => {
    const m = check.exec(l);
    if (!m || /^\s*(const|let|var|import|export|return)\b/.test(m[2]!)) return l;
    const fn = /^-?\d/.test(m[3]!) ? '__near' : '__is';
    const want = fn === '__near' ? `'${m[3]}'` : m[3];
    return `${m[1]}${fn}(${m[2]}, ${want}, ${JSON.stringify(m[2])});`;
  });
  const helpers = `const __is = (got, want, what) => {
  if (!Object.is(got, want)) throw new Error(\`example: \${what} gave \${String(got)}, the comment says \${String(want)}\`);
};
const __near = (got, text, what) => {
  const want = Number(text);
  const [mantissa, exp] = text.replace(/^-/, '').split('e');
  const decimals = (mantissa.split('.')[1] ?? '').length;
  const tol = Math.max(0.5 * 10 ** (Number(exp ?? 0) - decimals), 1e-12 * Math.abs(want));
  if (!(typeof got === 'number' && Math.abs(got - want) <= tol)) throw new Error(\`example: \${what} gave \${got}, the comment says \${text}\`);
};`;
  return `${helpers}\n${lines.join('\n')}`;
}

/** A line that reads like a checked value (`expr; // 1.5`) but that neither check took. */
function uncheckedValue(code: string): string | undefined {
  return code.split('\n').find((l) => /;\s*\/\/\s*-?(\d|Infinity|NaN|true|false|')/.test(l) && !/^\s*(const|let|var|import|export|return|__)/.test(l));
}

/** `import { a, b as c } from 'infodiv'` → `const { a, b: c } = __infodiv`; any other import is refused. */
function bindImports(js: string, where: string): string {
  return js.replace(/^\s*import\s+([^;]*?)\s+from\s+(['"])([^'"]+)\2;?\s*$/gm, (_, what: string, _q, from: string) => {
    if (from !== 'infodiv') throw new Error(`${where}: an example imports only from 'infodiv', not ${from}`);
    const named = /^\{([^}]*)\}$/.exec(what.trim());
    if (named) {
      const names = named[1]!
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => s.replace(/^type\s+\w+$/, '').replace(/\s+as\s+/, ': '))
        .filter(Boolean);
      for (const n of names) {
        const exported = n.split(':')[0]!.trim();
        if (!(exported in infodiv)) throw new Error(`${where}: infodiv exports no ${exported}`);
      }
      return `const { ${names.join(', ')} } = __infodiv;`;
    }
    const star = /^\*\s+as\s+(\w+)$/.exec(what.trim());
    if (star) return `const ${star[1]} = __infodiv;`;
    throw new Error(`${where}: unsupported import ${what}`);
  });
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<void>;

/** The example with its value comments turned into checks. */
const checked = (code: string) => withChecks(withValueChecks(code));

async function run(ex: Example): Promise<void> {
  // Imports bound first: the compiler would drop an import whose names go unused.
  const source = bindImports(checked(ex.code), ex.where);
  const js = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    reportDiagnostics: false,
  }).outputText;
  await new AsyncFunction('__infodiv', js.replace(/^export \{\};?\s*$/m, ''))(infodiv);
}

const all = sourceFiles(srcDir).flatMap(examplesOf);

describe('the @example blocks of the doc comments', () => {
  it('are found: one or more per documented function that has one', () => {
    // A floor, so that a parser that silently finds nothing fails.
    expect(all.length).toBeGreaterThan(40);
  });

  it.each(all.map((e) => [e.where, e] as const))('%s runs, with its commented values', async (_, e) => {
    expect(e.code, `${e.where}: @example without a \`\`\`ts block`).toBeDefined();
    expect(uncheckedValue(checked(e.code!)), `${e.where}: a value comment the checks do not read`).toBeUndefined();
    await run({ where: e.where, code: e.code! });
  });
});

describe('the value checks of the examples', () => {
  // The checks themselves must fail on a wrong value, or every example above passes vacuously.
  it('fail a wrong number, a wrong literal, and an example that throws', async () => {
    await expect(run({ where: 'check', code: "import { entropy } from 'infodiv';\nentropy([1, 1], { base: 2 }); // 1.5" })).rejects.toThrow(/gave 1, the comment says 1.5/);
    // Half a unit in the last digit: 0.7 is not 0.8, nor 2 3, nor 1.927 1.926.
    await expect(run({ where: 'check', code: "import { lInfinity } from 'infodiv';\nlInfinity([0.1, 0.4, 0.5], [0.8, 0.15, 0.05]); // 0.8" })).rejects.toThrow(/gave 0.7/);
    await expect(run({ where: 'check', code: "import { histogram } from 'infodiv';\nhistogram([1, 2, 2, 3, 7], { bins: 3 }).counts[0]; // 2" })).rejects.toThrow(/gave 3/);
    await expect(run({ where: 'check', code: "import { klDivergence } from 'infodiv';\nklDivergence([0.1, 0.4, 0.5], [0.8, 0.15, 0.05], { base: 2 }); // 1.926" })).rejects.toThrow(/gave 1.92697/);
    await expect(run({ where: 'check', code: "import { klDivergence } from 'infodiv';\nklDivergence([1, 0], [0, 1]); // 0" })).rejects.toThrow(/gave Infinity/);
    await expect(run({ where: 'check', code: "import { klDivergence } from 'infodiv';\nklDivergence([1, 0], [1, 0]); // Infinity" })).rejects.toThrow(/gave 0/);
    await expect(run({ where: 'check', code: "import { ksTest } from 'infodiv';\nksTest([1, 2], [3, 4]).method; // 'asymp'" })).rejects.toThrow(/gave exact/);
    await expect(run({ where: 'check', code: "import { entropy } from 'infodiv';\nentropy([-1]);" })).rejects.toThrow(infodiv.InputRangeError);
    await expect(run({ where: 'check', code: "import { nothing } from 'infodiv';" })).rejects.toThrow(/exports no nothing/);
  });

  it('pass the right ones, to the digits written', async () => {
    await run({ where: 'check', code: "import { klDivergence as kl } from 'infodiv';\nconst P = [0.1, 0.4, 0.5];\nkl(P, [0.8, 0.15, 0.05], { base: 2 }); // 1.927\nkl(P, P); // 0\nkl([1], [1]) === 0; // true" });
    expect(uncheckedValue('f(x); // 1.5 (about)')).toBe('f(x); // 1.5 (about)');
  });
});

describe('documentation of the exports', () => {
  const program = ts.createProgram([join(srcDir, 'index.ts')], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const entry = checker.getSymbolAtLocation(program.getSourceFile(join(srcDir, 'index.ts'))!)!;
  const exports = checker.getExportsOfModule(entry);

  const documented = (s: ts.Symbol) => s.getDocumentationComment(checker).some((p) => p.text.trim() !== '');
  const resolve = (s: ts.Symbol) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
  const isPublic = (d: ts.Declaration) => !(ts.getCombinedModifierFlags(d) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) && !((d as ts.NamedDeclaration).name && ts.isPrivateIdentifier((d as ts.NamedDeclaration).name!));
  const hidesConstructor = (s: ts.Symbol) => s.getJsDocTags(checker).some((t) => t.name === 'hideconstructor');
  const internal = (s: ts.Symbol) => s.getJsDocTags(checker).some((t) => t.name === 'internal');

  /** The undocumented: each export, and the public members of exported classes and interfaces. */
  function undocumented(): string[] {
    const missing: string[] = [];
    for (const e of exports) {
      const s = resolve(e);
      if (!documented(s)) missing.push(e.name);
      const decl = s.declarations?.[0];
      if (!decl || !(ts.isClassDeclaration(decl) || ts.isInterfaceDeclaration(decl))) continue;
      for (const [name, m] of (s.members ?? new Map()) as Map<string, ts.Symbol>) {
        const d = m.declarations?.[0];
        if (!d || m.flags & ts.SymbolFlags.TypeParameter || !isPublic(d) || internal(m) || name === '__index') continue;
        if (name === '__constructor' && hidesConstructor(s)) continue;
        // Parameter properties (`constructor(readonly edges: …)`) are members too.
        if (!documented(m)) missing.push(`${e.name}.${name === '__constructor' ? 'constructor' : name}`);
      }
      for (const [name, m] of (s.exports ?? new Map()) as Map<string, ts.Symbol>) {
        const d = m.declarations?.[0];
        if (d && isPublic(d) && name !== 'prototype' && !internal(m) && !documented(m)) missing.push(`${e.name}.${name}`);
      }
    }
    return missing;
  }

  it('covers every export of src/index.ts', () => {
    expect(exports.length).toBeGreaterThan(80);
    expect(undocumented()).toEqual([]);
  });
});
