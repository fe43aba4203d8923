// Preloaded (node --require) into the fuzzing process when Jazzer.js's prebuilt addon
// does not load on this system: loads the patched copy that scripts/fuzz-coverage/addon.mjs
// made instead (its path in INFODIV_JAZZER_ADDON), so node_modules stays as npm left it.
'use strict';
const Module = require('node:module');
const path = require('node:path');

const patched = process.env.INFODIV_JAZZER_ADDON;
const prebuild = path.join('@jazzer.js', 'fuzzer', 'prebuilds', `fuzzer-${process.platform}-${process.arch}.node`);
const loadNative = Module._extensions['.node'];
Module._extensions['.node'] = function (module, filename) {
  return loadNative.call(this, module, patched && filename.endsWith(prebuild) ? patched : filename);
};
