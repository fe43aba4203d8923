// The Chromium column's page script, bundled with tinybench and ml-distance by
// bench/browser.mjs. The page's inline module imports the built package (dist/index.js)
// and hands it over as window.infodiv; cases are timed by the same runner as in Node.
// The memory floor's binary (bench/floor.mjs) is fetched from /floor.wasm when the
// bench serves it (`floorSource` says where Node found it).
import { floorFromBytes } from './floor.mjs';
import { runCases, sink } from './runner.mjs';

window.runBench = async (cases, quick, floorSource) => {
  const m = window.infodiv;
  await m.ready;
  let floor;
  if (floorSource) {
    const res = await fetch('/floor.wasm');
    if (res.ok) floor = await floorFromBytes(new Uint8Array(await res.arrayBuffer()), floorSource);
  }
  const results = await runCases(cases, { m, floor, quick, sampleMs: 1 }, { onResult: (r) => window.benchResult(r) });
  return { results, sink: sink.value, crossOriginIsolated: window.crossOriginIsolated };
};
