// A module Web Worker that imports the package itself (not the pool's Blob workers):
// it posts the measures once `ready` has settled, or the error that stopped it.
import * as infodiv from '../dist/index.js';
import { measures } from './measures.js';

try {
  await infodiv.ready;
  postMessage(measures(infodiv));
} catch (e) {
  postMessage({ error: String(e && e.stack ? e.stack : e) });
}
