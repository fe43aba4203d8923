// The Chromium column's page script, bundled with tinybench and ml-distance by
// bench/browser.mjs. The page's inline module imports the built package (dist/index.js)
// and hands it over as window.infodiv; cases are timed by the same runner as in Node.
import { runCases, sink } from './runner.mjs';

window.runBench = async (cases, quick) => {
  const m = window.infodiv;
  await m.ready;
  const results = await runCases(cases, { m, quick, sampleMs: 1 }, { onResult: (r) => window.benchResult(r) });
  return { results, sink: sink.value, crossOriginIsolated: window.crossOriginIsolated };
};
