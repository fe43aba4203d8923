import type { Backend } from '../backend.js';
import { firstInvalid } from '../validate.js';
import type { Vector } from '../types.js';
import { dotRowsJs } from './dot.js';
import { klDivInto, relEntrInto } from './elementwise.js';
import { entropyNats, xlogxPassJs } from './entropy.js';
import { jsNats, jsRowsJs } from './jensen-shannon.js';
import { crossEntropyRawNats, klNats, klPassJs } from './kl.js';
import { miNats } from './mutual-information.js';

const valid = (...xs: Vector[]) => xs.every((x) => firstInvalid(x) < 0);

/** The plain-JS backend: always available, and the reference the WASM kernels must match. */
export const jsBackend: Backend = {
  name: 'js',
  relEntr: relEntrInto,
  klDiv: klDivInto,
  // klNats validates within its own pass (its `suspect` flag), saving a pass here.
  kl: klNats,
  entropy: (p, normalize) => (valid(p) ? entropyNats(p, normalize) : NaN),
  crossEntropy(p, q, normalize) {
    if (!valid(p, q)) return NaN;
    if (!normalize) return crossEntropyRawNats(p, q);
    // H(P) + KL(P‖Q): both accurate and ≥ 0, so their sum is too.
    return entropyNats(p, true) + klNats(p, q, true);
  },
  js: (p, q, normalize) => (valid(p, q) ? jsNats(p, q, normalize) : NaN),
  mi: (joint) => (valid(joint.data) ? miNats(joint) : NaN),
  dotRows: (a, ra, b, rb, cols, out) => dotRowsJs(a, ra, b, rb, cols, out),
  jsRows: jsRowsJs,
  fastPass: (kind, p, q) => (kind === 'kl' ? klPassJs(p, q) : xlogxPassJs(p)),
};
