#!/usr/bin/env node
// Compiles a Motoko canister with npm `motoko` (moc in Node, bundled mo:core) and lowers its wasm64
// output to 32-bit memory with binaryen, so that a 32-bit engine (Chicory) can run it.
//
//   node build-motoko.js <source.mo> <out-dir> <name> [<package>=<directory> ...]
//
// Each <package>=<directory> makes the .mo files under <directory> importable as mo:<package>
// (<directory> is the package's root, a mops package's src/).
//
// Writes <out-dir>/<name>.wasm (as moc emits it, wasm64: the size users pay at install) and
// <out-dir>/<name>.lowered.wasm (for the local replica).
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const [src, outDir, name, ...packages] = process.argv.slice(2);
if (!src || !outDir || !name) {
  console.error('usage: build-motoko.js <source.mo> <out-dir> <name> [<package>=<directory> ...]');
  process.exit(2);
}
const mo = require('motoko');
mo.loadPackage(require('motoko/packages/latest/core.json'));
for (const spec of packages) {
  const at = spec.indexOf('=');
  if (at <= 0) {
    console.error('a package is <name>=<directory>, not ' + spec);
    process.exit(2);
  }
  const pkg = spec.slice(0, at);
  const root = spec.slice(at + 1);
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.name.endsWith('.mo')) {
        mo.write('/packages/' + pkg + '/' + path.relative(root, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8'));
      }
    }
  };
  walk(root);
  mo.usePackage(pkg, '/packages/' + pkg);
}
mo.write('/main.mo', fs.readFileSync(src, 'utf8'));
// moc's diagnostics first: on an error, mo.wasm throws without them.
const checked = mo.check('/main.mo');
const diagnostics = Array.isArray(checked) ? checked : (checked.diagnostics || []);
let errors = 0;
for (const d of diagnostics) {
  const level = d.severity === 1 ? 'error' : 'warning';
  errors += d.severity === 1 ? 1 : 0;
  console.error((d.source || src) + ':' + (d.range.start.line + 1) + ':' + (d.range.start.character + 1) + ': ' + level + ': ' + d.message);
}
if (errors > 0) {
  process.exit(1);
}
const result = mo.wasm('/main.mo', 'ic');
fs.mkdirSync(outDir, { recursive: true });
const raw = path.join(outDir, name + '.wasm');
fs.writeFileSync(raw, result.wasm);
const lowered = path.join(outDir, name + '.lowered.wasm');
const wasmOpt = path.join(__dirname, 'node_modules', '.bin', 'wasm-opt');
execFileSync(wasmOpt, [
  '--enable-bulk-memory', '--enable-multivalue', '--enable-reference-types', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-nontrapping-float-to-int', '--enable-memory64',
  '--memory64-lowering', '--table64-lowering', raw, '-o', lowered,
], { stdio: 'inherit' });
console.log(raw + ' ' + fs.statSync(raw).size + ' bytes; ' + lowered + ' ' + fs.statSync(lowered).size + ' bytes');
