import { registerBackend } from './backend.js';
import { jsBackend } from './js/index.js';

registerBackend('js', () => jsBackend);

export {
  relEntr,
  klDiv,
  klDivergence,
  entropy,
  crossEntropy,
  jsDivergence,
  jsDistance,
} from './divergences.js';
export { mutualInformation } from './mutual-information.js';
export { backend, setBackend, type BackendName } from './backend.js';
export { InputRangeError, InputTypeError } from './errors.js';
export type { Matrix, Options, Vector } from './types.js';
