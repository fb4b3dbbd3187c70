// literals.ts — decoding of Python literal text: string prefixes and
// escapes, bytes, and numbers (underscores, bases, big ints, floats,
// imaginary). Neighbours: astBuilder.ts (its only caller).

import type { ConstValue } from './ast.js';

export interface StringPrefix {
  raw: boolean;
  bytes: boolean;
  fstring: boolean;
}

export function parsePrefix(startToken: string): StringPrefix {
  const p = startToken.replace(/['"]+$/, '').toLowerCase();
  return { raw: p.includes('r'), bytes: p.includes('b'), fstring: p.includes('f') };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/**
 * Decode the escapes of a non-raw literal body. Returns code points (for
 * bytes: byte values); `error` is set for a malformed escape.
 */
export function decodeEscapes(body: string, bytes: boolean): { codes: number[]; error?: string } {
  const codes: number[] = [];
  let i = 0;
  while (i < body.length) {
    const ch = body[i]!;
    if (ch !== '\\' || i + 1 >= body.length) {
      const cp = body.codePointAt(i)!;
      codes.push(cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1]!;
    if (e === '\r' && body[i + 2] === '\n') {
      i += 3;
      continue;
    }
    if (e in SIMPLE_ESCAPES) {
      const s = SIMPLE_ESCAPES[e]!;
      if (s !== '') codes.push(s.charCodeAt(0));
      i += 2;
      continue;
    }
    if (e >= '0' && e <= '7') {
      let j = i + 1;
      let v = 0;
      while (j < body.length && j < i + 4 && body[j]! >= '0' && body[j]! <= '7') v = v * 8 + Number(body[j++]);
      codes.push(v);
      i = j;
      continue;
    }
    const hexLen = e === 'x' ? 2 : !bytes && e === 'u' ? 4 : !bytes && e === 'U' ? 8 : 0;
    if (hexLen > 0) {
      const hex = body.slice(i + 2, i + 2 + hexLen);
      if (hex.length !== hexLen || !/^[0-9a-fA-F]+$/.test(hex)) {
        return { codes, error: `truncated \\${e}${'X'.repeat(hexLen)} escape` };
      }
      codes.push(parseInt(hex, 16));
      i += 2 + hexLen;
      continue;
    }
    if (!bytes && e === 'N') {
      const m = /^\{([^}]*)\}/.exec(body.slice(i + 2));
      const named = m === null ? undefined : NAMED_CHARS[m[1]!.toUpperCase()];
      if (m === null || named === undefined) return { codes, error: 'unknown Unicode character name' };
      codes.push(named);
      i += 2 + m[0].length;
      continue;
    }
    // Unknown escape: kept verbatim (CPython warns).
    codes.push(0x5c);
    i += 1;
  }
  return { codes };
}

/** A few common names for `\N{...}`; others are diagnosed. */
const NAMED_CHARS: Record<string, number> = {
  'BULLET': 0x2022, 'EM DASH': 0x2014, 'EN DASH': 0x2013, 'GREEK SMALL LETTER ALPHA': 0x3b1, 'GREEK SMALL LETTER BETA': 0x3b2,
  'GREEK SMALL LETTER PI': 0x3c0, 'GREEK CAPITAL LETTER DELTA': 0x394, 'DEGREE SIGN': 0xb0, 'SNOWMAN': 0x2603, 'NO-BREAK SPACE': 0xa0,
  'LATIN SMALL LETTER E WITH ACUTE': 0xe9, 'HORIZONTAL ELLIPSIS': 0x2026, 'RIGHTWARDS ARROW': 0x2192, 'BLACK STAR': 0x2605,
  'CHECK MARK': 0x2713, 'DIGIT ONE': 0x31, 'DIGIT TWO': 0x32, 'DIGIT ZERO': 0x30, 'LATIN SMALL LETTER SHARP S': 0xdf, 'COPYRIGHT SIGN': 0xa9, 'HEAVY BLACK HEART': 0x2764, 'WHITE SMILING FACE': 0x263a, 'EURO SIGN': 0x20ac, 'POUND SIGN': 0xa3, 'SPACE': 0x20, 'LINE FEED': 0x0a,
};

export function codesToString(codes: number[]): string {
  let s = '';
  for (const c of codes) s += String.fromCodePoint(c);
  return s;
}

/** Text of a literal body for a str (raw or escaped). */
export function decodeStrBody(body: string, raw: boolean): { value: string; error?: string } {
  if (raw) return { value: body.replace(/\r\n/g, '\n') };
  const r = decodeEscapes(body, false);
  return { value: codesToString(r.codes), ...(r.error === undefined ? {} : { error: r.error }) };
}

export function decodeBytesBody(body: string, raw: boolean): { value: number[]; error?: string } {
  const codes = raw ? Array.from(body, (c) => c.codePointAt(0)!) : decodeEscapes(body, true).codes;
  if (codes.some((c) => c > 0xff)) return { value: codes, error: 'bytes can only contain ASCII literal characters' };
  return { value: codes };
}

/** Decode an integer, float or imaginary literal. */
export function parseNumber(text: string): ConstValue | undefined {
  if (isPlainDecimal(text)) return { kind: 'int', value: BigInt(text) };
  const t = text.replace(/_/g, '');
  if (/[jJ]$/.test(t)) {
    const v = Number(t.slice(0, -1));
    return Number.isNaN(v) ? undefined : { kind: 'complex', imag: v };
  }
  if (/^0[xX][0-9a-fA-F]+$/.test(t) || /^0[oO][0-7]+$/.test(t) || /^0[bB][01]+$/.test(t)) return { kind: 'int', value: BigInt(t.toLowerCase()) };
  if (/^[0-9]+$/.test(t)) {
    if (t.length > 1 && t[0] === '0' && /[1-9]/.test(t)) return undefined;
    return { kind: 'int', value: BigInt(t) };
  }
  if (/^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(t)) return { kind: 'float', value: Number(t) };
  return undefined;
}

/** Digits only, without a leading zero unless alone (the common literal: no underscores, base or exponent). */
function isPlainDecimal(text: string): boolean {
  if (text.length === 0 || (text.length > 1 && text.charCodeAt(0) === 48)) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
