#!/usr/bin/env node
// An independent reference for principal text, from @dfinity/principal.
// stdin: one request per line, "bytes <hex>" or "text <principal text>".
// stdout: one answer per line, "ok <text>" / "ok <hex>", or "error <message>".
'use strict';
const { Principal } = require('@dfinity/principal');
require('./requests')((kind, arg) => {
  if (kind === 'bytes') {
    return ['ok ' + Principal.fromHex(arg).toText()];
  } else if (kind === 'text') {
    return ['ok ' + Principal.fromText(arg).toHex().toLowerCase()];
  }
  return ['error unknown request ' + kind];
});
