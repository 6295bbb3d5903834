#!/usr/bin/env node
// Validates a Wasm module with wabt (npm `wabt`, the WebAssembly Binary Toolkit compiled to Wasm:
// the same validator as Debian's wasm-validate), with the features TeaVM's output and the IC use.
//
//   node validate-wasm.js <module.wasm>
//
// Prints "valid" and exits 0, or prints wabt's errors and exits 1.
'use strict';
const fs = require('fs');

const file = process.argv[2];
if (!file) {
  console.error('usage: validate-wasm.js <module.wasm>');
  process.exit(2);
}
require('wabt')().then((wabt) => {
  const features = {
    mutable_globals: true, sat_float_to_int: true, sign_extension: true, bulk_memory: true,
    multi_value: true, reference_types: true,
  };
  let module;
  try {
    module = wabt.readWasm(fs.readFileSync(file), { readDebugNames: false, ...features });
    module.validate();
  } catch (e) {
    console.error(file + ': ' + e.message);
    process.exit(1);
  }
  module.destroy();
  console.log('valid');
});
