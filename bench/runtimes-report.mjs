// The headline on each runtime: which cases bench/runtimes.mjs times, and the tables that
// bench/report.mjs puts under the report's headline from its runtimes.json.
import { formatNs } from './runner.mjs';
import { caseName, FLOORS, sizeLabel } from './plan.mjs';

/** The headline rows every runtime runs: KL, entropy and JS divergence, f64, in memory and end to end. */
export function runtimeRows(len) {
  const rows = [];
  for (const [measure, title] of [['kl', 'KL'], ['entropy', 'entropy'], ['js', 'JS divergence']]) {
    for (const [mode, where] of [['mem', 'in module memory'], ['e2e', 'end to end']]) {
      rows.push({
        label: `${title}, f64, ${where}`,
        measure,
        infodiv: caseName({ measure, len, dtype: 'f64', contender: 'wasm-simd', mode }),
        naive: caseName({ measure, len, dtype: 'f64', contender: 'naive' }),
        floor: caseName({ measure: FLOORS[measure], len, dtype: 'f64', contender: 'floor', mode: 'mem' }),
      });
    }
  }
  return rows;
}

/** `Math.log` alone: Σ log pᵢ in a JS loop over the same p (bench/cases.mjs `log`). */
const LOG_PROBE = (len) => caseName({ measure: 'log', len, dtype: 'f64', contender: 'naive' });

/** The cases of those rows and the Math.log probe, for one env ('node' or 'chromium'), each once. */
export function runtimeCases(env, len) {
  const out = new Map();
  for (const row of runtimeRows(len)) {
    for (const name of [row.infodiv, row.naive, row.floor]) {
      const [measure, , dtype, contender, mode] = name.split(':');
      out.set(name, { env, measure, len, dtype, contender, ...(mode ? { mode } : {}), name });
    }
  }
  out.set(LOG_PROBE(len), { env, measure: 'log', len, dtype: 'f64', contender: 'naive', name: LOG_PROBE(len) });
  return [...out.values()];
}

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return undefined;
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};
const spread = (xs) => {
  const s = xs.filter(Number.isFinite);
  return s.length ? { median: median(s), lo: Math.min(...s), hi: Math.max(...s), n: s.length } : undefined;
};

/**
 * Per runtime and row: the median over rounds (and lowest, highest round) of infodiv's,
 * the naive loop's and the floor's ns/element, and of the ratios, each formed within one
 * round (one process, minutes apart from the other runtimes at most).
 */
export function summarise(rt) {
  const rows = runtimeRows(rt.len);
  const out = {};
  for (const r of rt.runtimes) {
    const rounds = rt.results[r.id] ?? [];
    const ns = (round, name) => {
      const c = round?.find((x) => x.name === name);
      return c?.status === 'ok' ? c.nsPerElement : undefined;
    };
    // The Math.log probe (absent from runs made before it existed).
    out[`${r.id}:log`] = spread(rounds.map((round) => ns(round, LOG_PROBE(rt.len))));
    out[r.id] = rows.map((row) => {
      const per = rounds.map((round) => ({ i: ns(round, row.infodiv), n: ns(round, row.naive), f: ns(round, row.floor) }));
      const failed = rounds.flatMap((round) => (round ?? []).filter((c) => [row.infodiv, row.naive, row.floor].includes(c.name) && c.status !== 'ok'));
      return {
        label: row.label,
        infodiv: spread(per.map((x) => x.i)),
        naive: spread(per.map((x) => x.n)),
        floor: spread(per.map((x) => x.f)),
        timesNaive: spread(per.map((x) => x.n / x.i)),
        timesFloor: spread(per.map((x) => x.i / x.f)),
        failed: [...new Set(failed.map((c) => `${c.name} (${c.status})`))],
      };
    });
  }
  return out;
}

const ratioCell = (s) => (s ? `${s.median.toFixed(2)}× (${s.lo.toFixed(2)}–${s.hi.toFixed(2)})` : '—');
const nsCell = (s) => (s ? formatNs(s.median) : '—');
const range = (xs) => {
  const s = xs.filter(Number.isFinite);
  return s.length ? `${formatNs(Math.min(...s))}–${formatNs(Math.max(...s))}` : '—';
};

/** The report's section on runtimes (Markdown lines); `main` is the report's own run. */
export function runtimeLines(rt, main) {
  const head = ['### The headline on each runtime', ''];
  if (!rt) {
    return [...head, 'Not run for this report: `node bench/runtimes.mjs` times these headline rows on Node 20, 22 and 24 and in Chromium in one invocation and adds them here.'];
  }
  const sum = summarise(rt);
  const ids = rt.runtimes.map((r) => r.id);
  const name = Object.fromEntries(rt.runtimes.map((r) => [r.id, r.label]));
  const rows = runtimeRows(rt.len);
  const build = main?.machine?.dist && rt.dist ? (main.machine.dist === rt.dist ? ` the same build as the main run (build hash ${rt.dist}),` : ` NOT the build of the main run (build hash ${rt.dist}, the main run's ${main.machine.dist}),`) : '';
  const same = main?.machine?.revision && rt.revision && main.machine.revision !== rt.revision;
  const lines = [
    ...head,
    `KL, entropy and JS divergence at ${sizeLabel(rt.len)} elements on ${rt.runtimes.map((r) => `${r.label}${r.engine ? ` (${r.engine})` : ''}`).join(', ')}: one invocation of \`node bench/runtimes.mjs\`${rt.quick ? ' --quick (tiny budgets: not meaningful)' : ''}, commit ${rt.revision ?? 'unknown'},${build} ${rt.date}, ${Math.round(rt.durationS)} s. It ran ${rt.rounds} rounds; a round runs every runtime once, one after the other, in an order that rotates from round to round, each runtime in a fresh process (Chromium: a fresh page) timing the same cases with the same runner, inputs, checks and budgets as the main run. A figure is the median over rounds of that runtime's per-round medians; in brackets the lowest and highest round. Each ratio is formed within one round, from one process's own cases, before the median is taken.${same ? ` (The main run above is of commit ${main.machine.revision}.)` : ''}`,
    '',
    `| ${sizeLabel(rt.len)}, f64 | ${ids.map((id) => `${name[id]} × naive`).join(' | ')} | ${ids.map((id) => `${name[id]} × floor`).join(' | ')} |`,
    `|---|${ids.map(() => '---:').join('|')}|${ids.map(() => '---:').join('|')}|`,
    ...rows.map((row, k) => `| ${row.label} | ${ids.map((id) => ratioCell(sum[id][k].timesNaive)).join(' | ')} | ${ids.map((id) => ratioCell(sum[id][k].timesFloor)).join(' | ')} |`),
    '',
    `| ns/element (median of rounds) | ${ids.map((id) => `${name[id]} infodiv | naive`).join(' | ')} |`,
    `|---|${ids.map(() => '---:|---:').join('|')}|`,
    ...rows.map((row, k) => `| ${row.label} | ${ids.map((id) => `${nsCell(sum[id][k].infodiv)} | ${nsCell(sum[id][k].naive)}`).join(' | ')} |`),
    `| memory floor, Σp and Σq (KL, JS) | ${ids.map((id) => `${nsCell(sum[id][0].floor)} | `).join(' | ')} |`,
    `| memory floor, Σp (entropy) | ${ids.map((id) => `${nsCell(sum[id][2].floor)} | `).join(' | ')} |`,
    ...(ids.some((id) => sum[`${id}:log`]) ? [`| \`Math.log\` alone: Σ log pᵢ, JS loop | ${ids.map((id) => ` | ${nsCell(sum[`${id}:log`])}`).join(' | ')} |`] : []),
    '',
  ];
  // Why the ratios differ: the kernels' time across runtimes against the naive loops'.
  const across = (k, key) => ids.map((id) => sum[id][k][key]?.median);
  const mem = (measure) => rows.findIndex((r) => r.measure === measure && r.infodiv.endsWith(':mem'));
  const [kl, en, js] = ['kl', 'entropy', 'js'].map(mem);
  const withRounds = (s) => (s ? `${formatNs(s.median)} (${formatNs(s.lo)}–${formatNs(s.hi)})` : '—');
  const perRuntime = (get) => ids.map((id) => `${name[id]} ${withRounds(get(id))}`).join(', ');
  // How far one runtime's rounds are apart (slowest ÷ fastest), for the kernels and the naive loops.
  const apart = (key, ks) => Math.max(...ids.flatMap((id) => ks.map((k) => sum[id][k][key]).filter(Boolean).map((s) => s.hi / s.lo)));
  const memRows = [kl, en, js];
  const logProbe = ids.some((id) => sum[`${id}:log`])
    ? ` \`Math.log\` alone (Σ log pᵢ over the same p, last row) takes ${perRuntime((id) => sum[`${id}:log`])} ns/element.`
    : '';
  lines.push(
    `**Why the ratios differ between engines.** The kernels are the same WebAssembly everywhere and take about the same time on every runtime — in module memory, across the ${ids.length}: KL ${range(across(kl, 'infodiv'))}, entropy ${range(across(en, 'infodiv'))}, JS divergence ${range(across(js, 'infodiv'))} ns/element; the floor ${range(across(kl, 'floor'))}. The naive loop is JavaScript whose time is nearly all \`Math.log\` (one call per element for KL and entropy, two for JS), each engine's own code: the naive KL takes ${perRuntime((id) => sum[id][kl].naive)} ns/element (median, and fastest–slowest round).${logProbe} The naive loops' time also moves between rounds of one runtime — up to ${apart('naive', memRows).toFixed(1)}× from its fastest round to its slowest here, against ${apart('infodiv', memRows).toFixed(1)}× for the kernels — so "× naive" says as much about the runtime's, and the process's, \`Math.log\` as about infodiv, while "× floor" stays put.`,
  );
  const failed = ids.flatMap((id) => sum[id].flatMap((r) => r.failed.map((f) => `${name[id]}: ${f}`)));
  if (failed.length) lines.push('', `Cases that did not give a timing: ${[...new Set(failed)].join('; ')}.`);
  return lines;
}
