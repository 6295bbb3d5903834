#!/usr/bin/env node
// An independent encoder and decoder of Candid values at given types: @dfinity/candid.
// Types and values are JSON (see dev.icjava.candid.ReferenceModel, which writes them):
//   type: "null" | "bool" | "nat" | "int" | "nat8".."nat64" | "int8".."int64" | "float32" |
//         "float64" | "text" | "principal" | "blob" | {"opt": T} | {"vec": T} |
//         {"record": [[name, T], ...]} | {"variant": [[name, T], ...]}
//   value (canonical): null; true/false; integers as decimal strings; floats as the hex of their
//         IEEE bits; text as the hex of its UTF-8; principal as its text; blob as hex; opt as []
//         or [v]; vec as [...]; record as {"name": v, ...} in the type's field order; variant as
//         {"tag": v}.
// stdin: "encode <type> <value>" (one line each: answer "ok <hex of IDL.encode([T], [v])>")
//        "decode <type> <hex>" (answer "ok <canonical value of IDL.decode([T], bytes)[0]>").
'use strict';
const { IDL } = require('@dfinity/candid');
const { Principal } = require('@dfinity/principal');

const prim = {
  null: IDL.Null, bool: IDL.Bool, nat: IDL.Nat, int: IDL.Int, nat8: IDL.Nat8, nat16: IDL.Nat16,
  nat32: IDL.Nat32, nat64: IDL.Nat64, int8: IDL.Int8, int16: IDL.Int16, int32: IDL.Int32,
  int64: IDL.Int64, float32: IDL.Float32, float64: IDL.Float64, text: IDL.Text,
  principal: IDL.Principal, blob: IDL.Vec(IDL.Nat8),
};

function idl(t) {
  if (typeof t === 'string') return prim[t];
  if ('opt' in t) return IDL.Opt(idl(t.opt));
  if ('vec' in t) return IDL.Vec(idl(t.vec));
  const fields = {};
  for (const [name, ft] of (t.record || t.variant)) fields[name] = idl(ft);
  return t.record ? IDL.Record(fields) : IDL.Variant(fields);
}

const hex = (bytes) => Buffer.from(bytes).toString('hex');
const unhex = (h) => Uint8Array.from(Buffer.from(h, 'hex'));

function floatBits(t, x) {
  const view = new DataView(new ArrayBuffer(8));
  if (t === 'float32') { view.setFloat32(0, x); return hex(new Uint8Array(view.buffer, 0, 4)); }
  view.setFloat64(0, x);
  return hex(new Uint8Array(view.buffer, 0, 8));
}

function bitsFloat(t, h) {
  const view = new DataView(unhex(h).buffer);
  return t === 'float32' ? view.getFloat32(0) : view.getFloat64(0);
}

function fromCanonical(t, v) {
  if (typeof t === 'string') {
    switch (t) {
      case 'null': return null;
      case 'bool': return v;
      case 'nat': case 'int': case 'nat64': case 'int64': return BigInt(v);
      case 'nat8': case 'nat16': case 'nat32': case 'int8': case 'int16': case 'int32': return Number(v);
      case 'float32': case 'float64': return bitsFloat(t, v);
      case 'text': return Buffer.from(v, 'hex').toString('utf8');
      case 'principal': return Principal.fromText(v);
      case 'blob': return unhex(v);
    }
  }
  if ('opt' in t) return v.length === 0 ? [] : [fromCanonical(t.opt, v[0])];
  if ('vec' in t) return v.map((x) => fromCanonical(t.vec, x));
  const out = {};
  if (t.record) {
    for (const [name, ft] of t.record) out[name] = fromCanonical(ft, v[name]);
    return out;
  }
  const tag = Object.keys(v)[0];
  const ft = t.variant.find(([name]) => name === tag)[1];
  out[tag] = fromCanonical(ft, v[tag]);
  return out;
}

function toCanonical(t, v) {
  if (typeof t === 'string') {
    switch (t) {
      case 'null': return null;
      case 'bool': return v;
      case 'float32': case 'float64': return floatBits(t, v);
      case 'text': return Buffer.from(v, 'utf8').toString('hex');
      case 'principal': return v.toText();
      case 'blob': return hex(v);
      default: return v.toString();
    }
  }
  if ('opt' in t) return v.length === 0 ? [] : [toCanonical(t.opt, v[0])];
  if ('vec' in t) return Array.from(v).map((x) => toCanonical(t.vec, x));
  const out = {};
  if (t.record) {
    for (const [name, ft] of t.record) out[name] = toCanonical(ft, v[name]);
    return out;
  }
  const tag = Object.keys(v)[0];
  const ft = t.variant.find(([name]) => name === tag)[1];
  out[tag] = toCanonical(ft, v[tag]);
  return out;
}

require('./requests')((kind, arg) => {
  const first = arg.indexOf(' ');
  // the type is JSON without spaces; the rest of the line is the value or the hex
  const type = JSON.parse(arg.slice(0, first));
  const rest = arg.slice(first + 1);
  if (kind === 'encode') {
    return ['ok ' + hex(IDL.encode([idl(type)], [fromCanonical(type, JSON.parse(rest))]))];
  } else if (kind === 'decode') {
    return ['ok ' + JSON.stringify(toCanonical(type, IDL.decode([idl(type)], unhex(rest))[0]))];
  }
  return ['error unknown request ' + kind];
});
