#!/usr/bin/env node
// An independent reference for principal text, from @dfinity/principal.
// stdin: one request per line, "bytes <hex>" or "text <principal text>".
// stdout: one answer per line, "ok <text>" / "ok <hex>", or "error <message>".
'use strict';
const { Principal } = require('@dfinity/principal');
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter((l) => l.length > 0);
const out = [];
for (const line of lines) {
  const space = line.indexOf(' ');
  const kind = line.slice(0, space);
  const arg = line.slice(space + 1);
  try {
    if (kind === 'bytes') {
      out.push('ok ' + Principal.fromHex(arg).toText());
    } else if (kind === 'text') {
      out.push('ok ' + Principal.fromText(arg).toHex().toLowerCase());
    } else {
      out.push('error unknown request ' + kind);
    }
  } catch (e) {
    out.push('error ' + String(e.message).replace(/\n/g, ' '));
  }
}
process.stdout.write(out.join('\n') + '\n');
