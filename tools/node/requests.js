'use strict';
// The line protocol of the reference scripts: stdin has one request per line, "<kind> <argument>";
// stdout has one or more answer lines per request, or "error <message>" when it fails.
// `handle(kind, argument)` returns the answer lines (an array) or throws.
module.exports = function answerEach(handle) {
  const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter((l) => l.length > 0);
  const out = [];
  for (const line of lines) {
    const space = line.indexOf(' ');
    const kind = line.slice(0, space);
    const arg = line.slice(space + 1);
    try {
      for (const answer of handle(kind, arg)) out.push(answer);
    } catch (e) {
      out.push('error ' + String(e.message).replace(/\n/g, ' '));
    }
  }
  process.stdout.write(out.join('\n') + '\n');
};
