// Imports the built package unbundled and leaves what the page saw in window.report:
// the measures before `ready` (the JS backend answers while WebAssembly compiles) and
// after it. window.infodiv stays available for the tests' own calls.
import * as infodiv from '../dist/index.js';
import { measures } from './measures.js';

try {
  const before = measures(infodiv);
  await infodiv.ready;
  window.infodiv = infodiv;
  window.report = { before, after: measures(infodiv), crossOriginIsolated: window.crossOriginIsolated };
} catch (e) {
  window.report = { error: String(e && e.stack ? e.stack : e) };
}
