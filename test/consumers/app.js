// A consumer app written as users write one (`import … from 'infodiv'`), bundled by
// esbuild and by Vite in test/browser-pages/consumers.test.ts. Like
// ../browser-pages/site/main.js, it leaves what it saw in window.report.
import * as infodiv from 'infodiv';
import { measures } from './measures.js';

const before = measures(infodiv);
infodiv.ready.then(
  () => {
    window.infodiv = infodiv;
    window.report = { before, after: measures(infodiv), crossOriginIsolated: window.crossOriginIsolated };
  },
  (e) => {
    window.report = { error: String(e) };
  },
);
