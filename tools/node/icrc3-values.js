#!/usr/bin/env node
// An independent encoder of ICRC-3 Values: @dfinity/candid.
// stdin: one request per line:
//   "random <seed> <count>": <count> pseudo-random Values from <seed>, one answer each;
//   "value <json>": the Value given as JSON, where {"Nat": "12"}, {"Int": "-3"}, {"Blob": "0a0b"},
//     {"Text": "s"}, {"Array": [...]}, {"Map": [["k", v], ...]}.
// stdout: "ok <hex of IDL.encode([Value], [v])> <canonical text>" per Value, or "error <message>".
// The canonical text is the one dev.icjava.attributes.Icrc3Value#toString prints.
'use strict';
const { IDL } = require('@dfinity/candid');

const Value = IDL.Rec();
Value.fill(
  IDL.Variant({
    Nat: IDL.Nat,
    Int: IDL.Int,
    Blob: IDL.Vec(IDL.Nat8),
    Text: IDL.Text,
    Array: IDL.Vec(Value),
    Map: IDL.Vec(IDL.Tuple(IDL.Text, Value)),
  }),
);

function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generator(seed) {
  const rnd = mulberry32(seed);
  const int = (n) => Math.floor(rnd() * n);
  const bigOfBits = (bits) => {
    let v = 0n;
    for (let i = 0; i < bits; i += 16) v = (v << 16n) | BigInt(int(65536));
    return v & ((1n << BigInt(bits)) - 1n);
  };
  const edges = [0n, 1n, 127n, 128n, 255n, 256n, (1n << 31n) - 1n, 1n << 31n, (1n << 32n) - 1n,
    1n << 32n, (1n << 63n) - 1n, 1n << 63n, (1n << 64n) - 1n, 1n << 64n, 1n << 128n];
  const nat = () => {
    switch (int(4)) {
      case 0: return BigInt(int(300));
      case 1: return edges[int(edges.length)];
      case 2: return bigOfBits(1 + int(64));
      default: return bigOfBits(65 + int(200));
    }
  };
  const pools = [
    [0x20, 0x7e], [0x00, 0x1f], [0xa0, 0x2ff], [0x4e00, 0x4fff], [0x1f300, 0x1f6ff], [0xe000, 0xf8ff],
    [0x10000, 0x10ffff],
  ];
  const text = () => {
    const n = int(4) === 0 ? 0 : int(24);
    let s = '';
    for (let i = 0; i < n; i++) {
      if (int(8) === 0) { s += int(2) ? '"' : '\\'; continue; }
      const [lo, hi] = pools[int(4) === 0 ? int(pools.length) : 0];
      s += String.fromCodePoint(lo + int(hi - lo + 1));
    }
    return s;
  };
  const keys = ['email', 'name', 'verified_email', 'implicit:nonce', 'implicit:origin',
    'implicit:issued_at_timestamp_ns', 'openid:https://accounts.google.com:email'];
  const value = (depth) => {
    const k = depth >= 4 ? int(4) : depth === 0 && int(2) ? 4 + int(2) : int(6);
    switch (k) {
      case 0: return { Nat: nat() };
      case 1: return { Int: int(2) ? nat() : -nat() };
      case 2: {
        const b = new Uint8Array(int(3) === 0 ? 0 : int(48));
        for (let i = 0; i < b.length; i++) b[i] = int(256);
        return { Blob: b };
      }
      case 3: return { Text: text() };
      case 4: {
        const a = [];
        for (let i = int(5); i > 0; i--) a.push(value(depth + 1));
        return { Array: a };
      }
      default: {
        const m = [];
        for (let i = int(6); i > 0; i--) {
          const key = int(3) === 0 && m.length > 0 ? m[int(m.length)][0] : int(2) ? keys[int(keys.length)] : text();
          m.push([key, value(depth + 1)]);
        }
        return { Map: m };
      }
    }
  };
  return () => value(0);
}

function quote(s) {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c < 0x20) out += '\\u{' + c.toString(16) + '}';
    else out += ch;
  }
  return out + '"';
}

function canonical(v) {
  if ('Nat' in v) return 'Nat(' + v.Nat.toString() + ')';
  if ('Int' in v) return 'Int(' + v.Int.toString() + ')';
  if ('Blob' in v) return 'Blob(' + Buffer.from(v.Blob).toString('hex') + ')';
  if ('Text' in v) return 'Text(' + quote(v.Text) + ')';
  if ('Array' in v) return 'Array[' + v.Array.map(canonical).join(', ') + ']';
  return 'Map{' + v.Map.map(([k, x]) => quote(k) + ': ' + canonical(x)).join(', ') + '}';
}

function fromJson(j) {
  if ('Nat' in j) return { Nat: BigInt(j.Nat) };
  if ('Int' in j) return { Int: BigInt(j.Int) };
  if ('Blob' in j) return { Blob: Uint8Array.from(Buffer.from(j.Blob, 'hex')) };
  if ('Text' in j) return { Text: j.Text };
  if ('Array' in j) return { Array: j.Array.map(fromJson) };
  if ('Map' in j) return { Map: j.Map.map(([k, x]) => [k, fromJson(x)]) };
  throw new Error('not a Value: ' + JSON.stringify(j));
}

function answer(v) {
  return 'ok ' + Buffer.from(IDL.encode([Value], [v])).toString('hex') + ' ' + canonical(v);
}

require('./requests')((kind, arg) => {
  if (kind === 'random') {
    const [seed, count] = arg.split(' ').map(Number);
    const next = generator(seed);
    const answers = [];
    for (let i = 0; i < count; i++) answers.push(answer(next()));
    return answers;
  } else if (kind === 'value') {
    return [answer(fromJson(JSON.parse(arg)))];
  }
  return ['error unknown request ' + kind];
});
