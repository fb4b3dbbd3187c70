// binary.ts — the serialized forms of a Program: a msgpack envelope
// (`writeBinary` / `readBinary`) and JSON for debugging (`toJson` /
// `fromJson`). Both carry the same payload, validated with ajv against
// schema.generated.ts when read (a trust boundary). Reading never throws:
// a corrupt, truncated or mismatched file gives a MOLT32xx diagnostic.
// Neighbours: opTable.ts (opcodes, `opTableHash`), types.ts, specs/ir.md §Binary.
//
// Envelope: a msgpack array ['MOLTIR', formatVersion, opTableHash, payload],
// so every file starts with the bytes 0x94 0xA6 'MOLTIR'.

import AjvModule from 'ajv';
import { Packr, Unpackr } from 'msgpackr';
import { OPS, type ImmKind, type OpSpec } from './opTable.js';
import { IR_PROGRAM_SCHEMA } from './schema.generated.js';
import {
  IR_VERSION, type Block, type BlockCall, type BlockId, type Diagnostic, type FuncId, type Function, type Imm, type Inst, type InstId, type SourceLoc,
  type Module, type Program, type PyCodeInfo, type Value, type ValueId, type ValueType,
} from './types.js';

/** Magic string at the start of every binary IR file. */
export const BINARY_MAGIC = 'MOLTIR';
/** Version of the envelope and payload layout; bumped on any incompatible change (see specs/ir.md §Versioning). */
export const BINARY_FORMAT_VERSION = IR_VERSION;

const OP_BY_NAME: ReadonlyMap<string, OpSpec> = new Map(OPS.map((o) => [o.name, o]));
const OP_BY_CODE: ReadonlyMap<number, OpSpec> = new Map(OPS.map((o) => [o.opcode, o]));

let cachedHash: string | undefined;

/** A stable hash (FNV-1a, 64 bits, hex) of every op's name, opcode, signature, effects and runtime symbol. */
export function opTableHash(): string {
  if (cachedHash !== undefined) return cachedHash;
  const canon = [...OPS]
    .sort((a, b) => a.opcode - b.opcode)
    .map((o) => [o.opcode, o.name, o.operands.join(','), o.variadic ?? '', o.result ?? '', (o.imms ?? []).map((i) => `${i.name}:${i.kind}`).join(','), o.effects.join(','), String(o.succ ?? ''), o.runtime ?? ''].join('|'))
    .join('\n');
  let h = 0xcbf29ce484222325n;
  const bytes = new TextEncoder().encode(canon);
  for (const b of bytes) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  cachedHash = h.toString(16).padStart(16, '0');
  return cachedHash;
}

// ---- serialized form (see schema.generated.ts) ----------------------------------

/** Strings with lone surrogates (valid Python `str`s) cannot be UTF-8: they travel as UTF-16 code units in hex. */
type SImm = boolean | number | string | { utf16: string };

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
interface SCall { block: number; args: number[] }
interface SInst { op: number | string; args: number[]; imms?: SImm[]; result?: number; targets?: SCall[]; loc?: number[] }
interface SBlock { params: number[]; unwind?: SCall; insts: SInst[] }
interface SFunction { id: number; name: string; params: ValueType[]; result: ValueType; values: ValueType[]; blocks: SBlock[]; layout: number[]; py?: PyCodeInfo }
interface SModule { name: string; file: string; isPackage: boolean; init: number; functions: SFunction[] }
interface SProgram { main: string; modules: SModule[] }

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

function encodeImm(imm: Imm, kind: ImmKind | undefined): SImm {
  if (imm instanceof Uint8Array) return hex(imm);
  if (typeof imm === 'string' && LONE_SURROGATE.test(imm)) {
    let h = '';
    for (let i = 0; i < imm.length; i++) h += imm.charCodeAt(i).toString(16).padStart(4, '0');
    return { utf16: h };
  }
  if (typeof imm === 'bigint') return Number.isSafeInteger(Number(imm)) && kind === 'i64' ? Number(imm) : imm.toString();
  if (typeof imm === 'number') {
    if (Number.isNaN(imm)) return 'nan';
    if (imm === Infinity) return 'inf';
    if (imm === -Infinity) return '-inf';
    if (Object.is(imm, -0)) return '-0';
  }
  return imm;
}

/** `[line, col]` or `[line, col, func, call line, call col]` (shape checked by the schema). */
function decodeLoc(loc: number[] | undefined): SourceLoc | undefined {
  if (loc === undefined) return undefined;
  const [line, col, func, cline, ccol] = loc as [number, number, number?, number?, number?];
  if (func === undefined || cline === undefined || ccol === undefined) return { line, col };
  return { line, col, inlined: { func: func as FuncId, line: cline, col: ccol } };
}

function encodeCall(c: BlockCall): SCall {
  return { block: c.block, args: [...c.args] };
}

function encodeFunction(fn: Function, opsAs: 'opcode' | 'name'): SFunction {
  const blocks: SBlock[] = fn.blocks.map((b) => {
    const sb: SBlock = { params: [...b.params], insts: [] };
    if (b.unwind !== undefined) sb.unwind = encodeCall(b.unwind);
    for (const id of b.insts) {
      const inst = fn.insts[id]!;
      const spec = OP_BY_NAME.get(inst.op);
      const si: SInst = { op: opsAs === 'name' || spec === undefined ? inst.op : spec.opcode, args: [...inst.args] };
      if (inst.imms.length > 0) si.imms = inst.imms.map((x, k) => encodeImm(x, spec?.imms?.[k]?.kind));
      if (inst.result !== undefined) si.result = inst.result;
      if (inst.targets.length > 0) si.targets = inst.targets.map(encodeCall);
      if (inst.loc !== undefined) {
        const at = inst.loc.inlined;
        si.loc = at === undefined ? [inst.loc.line, inst.loc.col] : [inst.loc.line, inst.loc.col, at.func, at.line, at.col];
      }
      sb.insts.push(si);
    }
    return sb;
  });
  const sf: SFunction = { id: fn.id, name: fn.name, params: [...fn.params], result: fn.result, values: fn.values.map((v) => v.type), blocks, layout: [...fn.layout] };
  if (fn.py !== undefined) sf.py = fn.py;
  return sf;
}

/** The serialized (plain-data, JSON-safe) form of a program. */
export function serializeProgram(program: Program, opsAs: 'opcode' | 'name' = 'opcode'): unknown {
  const sp: SProgram = {
    main: program.main,
    modules: program.modules.map((m) => ({ name: m.name, file: m.file, isPackage: m.isPackage, init: m.init, functions: m.functions.map((f) => encodeFunction(f, opsAs)) })),
  };
  return sp;
}

class DecodeFail {
  constructor(readonly message: string) {}
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

function decodeImm(s: SImm, kind: ImmKind, where: string): Imm {
  const bad = (): never => {
    throw new DecodeFail(`${where}: expected a ${kind} immediate, found ${JSON.stringify(s)}`);
  };
  switch (kind) {
    case 'bool':
      return typeof s === 'boolean' ? s : bad();
    case 'str':
      if (typeof s === 'string') return s;
      if (typeof s === 'object' && /^(?:[0-9a-f]{4})*$/.test(s.utf16)) {
        let out = '';
        for (let i = 0; i < s.utf16.length; i += 4) out += String.fromCharCode(parseInt(s.utf16.slice(i, i + 4), 16));
        return out;
      }
      return bad();
    case 'func':
      return typeof s === 'number' && Number.isInteger(s) && s >= 0 ? s : bad();
    case 'bytes': {
      if (typeof s !== 'string' || !/^(?:[0-9a-f]{2})*$/.test(s)) return bad();
      const out = new Uint8Array(s.length / 2);
      for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
      return out;
    }
    case 'bigint':
      if (typeof s === 'string' && /^-?\d+$/.test(s)) return BigInt(s);
      return typeof s === 'number' && Number.isSafeInteger(s) ? BigInt(s) : bad();
    case 'i64': {
      if (typeof s === 'number' && Number.isSafeInteger(s)) return s;
      if (typeof s !== 'string' || !/^-?\d+$/.test(s)) return bad();
      const b = BigInt(s);
      return b >= I64_MIN && b <= I64_MAX ? b : bad();
    }
    case 'f64':
      if (typeof s === 'number') return s;
      if (s === 'nan') return NaN;
      if (s === 'inf') return Infinity;
      if (s === '-inf') return -Infinity;
      if (s === '-0') return -0;
      return bad();
  }
}

function decodeFunction(sf: SFunction, where: string): Function {
  const values: Value[] = sf.values.map((type) => ({ type, def: { kind: 'inst', inst: -1 as InstId } }));
  const nBlocks = sf.blocks.length;
  const valueRef = (v: number, w: string): ValueId => {
    if (v >= values.length) throw new DecodeFail(`${w}: value ${v} is out of range (${values.length} values)`);
    return v as ValueId;
  };
  const call = (c: SCall, w: string): BlockCall => {
    if (c.block >= nBlocks) throw new DecodeFail(`${w}: block ${c.block} is out of range (${nBlocks} blocks)`);
    return { block: c.block as BlockId, args: c.args.map((a) => valueRef(a, w)) };
  };
  const insts: Inst[] = [];
  const blocks: Block[] = sf.blocks.map((sb, bi) => {
    const w = `${where} block ${bi}`;
    const block: Block = { params: sb.params.map((p) => valueRef(p, w)), insts: [], unwind: sb.unwind === undefined ? undefined : call(sb.unwind, w) };
    block.params.forEach((p, i) => {
      values[p]!.def = { kind: 'param', block: bi as BlockId, index: i };
    });
    for (const si of sb.insts) {
      const spec = typeof si.op === 'number' ? OP_BY_CODE.get(si.op) : OP_BY_NAME.get(si.op);
      if (spec === undefined) throw new DecodeFail(`${w}: unknown op ${JSON.stringify(si.op)}`);
      const iw = `${w} '${spec.name}'`;
      const immSpecs = spec.imms ?? [];
      const simms = si.imms ?? [];
      if (simms.length !== immSpecs.length) throw new DecodeFail(`${iw}: expected ${immSpecs.length} immediate(s), found ${simms.length}`);
      const id = insts.length as InstId;
      const inst: Inst = {
        op: spec.name,
        args: si.args.map((a) => valueRef(a, iw)),
        imms: simms.map((s, k) => decodeImm(s, immSpecs[k]!.kind, iw)),
        result: si.result === undefined ? undefined : valueRef(si.result, iw),
        targets: (si.targets ?? []).map((t) => call(t, iw)),
        loc: decodeLoc(si.loc),
      };
      if (inst.result !== undefined) values[inst.result]!.def = { kind: 'inst', inst: id };
      insts.push(inst);
      block.insts.push(id);
    }
    return block;
  });
  for (const b of sf.layout) if (b >= nBlocks) throw new DecodeFail(`${where}: layout block ${b} is out of range (${nBlocks} blocks)`);
  const fn: Function = { id: sf.id as FuncId, name: sf.name, params: sf.params, result: sf.result, values, insts, blocks, layout: sf.layout as BlockId[], py: sf.py };
  return fn;
}

type ValidateFn = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
let validator: ValidateFn | undefined;

function validate(data: unknown): string[] {
  if (validator === undefined) {
    const Ajv = AjvModule.default;
    validator = new Ajv({ allErrors: false, strict: false }).compile(IR_PROGRAM_SCHEMA) as ValidateFn;
  }
  if (validator(data)) return [];
  return (validator.errors ?? []).map((e) => `${e.instancePath === '' ? '(root)' : e.instancePath} ${e.message ?? 'is invalid'}`);
}

export interface ReadResult {
  /** Present when the input was read without errors. */
  readonly program?: Program;
  readonly diagnostics: Diagnostic[];
}

function diag(code: string, message: string, file: string | undefined, hint?: string): Diagnostic {
  return { code, severity: 'error', message, ...(file === undefined ? {} : { file }), ...(hint === undefined ? {} : { hint }) };
}

/** Validate and decode a serialized program (the payload of both formats). */
export function deserializeProgram(payload: unknown, file?: string): ReadResult {
  const errs = validate(payload);
  if (errs.length > 0) return { diagnostics: [diag('MOLT3204', `the IR payload does not match the schema: ${errs.join('; ')}`, file)] };
  const sp = payload as SProgram;
  try {
    const modules: Module[] = sp.modules.map((sm) => ({
      name: sm.name, file: sm.file, isPackage: sm.isPackage, init: sm.init as FuncId,
      functions: sm.functions.map((sf, i) => decodeFunction(sf, `module '${sm.name}' function ${i} '${sf.name}'`)),
    }));
    return { program: { modules, main: sp.main }, diagnostics: [] };
  } catch (e) {
    if (e instanceof DecodeFail) return { diagnostics: [diag('MOLT3205', `the IR payload is inconsistent: ${e.message}`, file)] };
    throw e;
  }
}

/** The message of a thrown value (which may come from another realm, so no `instanceof`). */
function errorMessage(e: unknown): string {
  const m = typeof e === 'object' && e !== null ? (e as { message?: unknown }).message : undefined;
  return typeof m === 'string' ? m : String(e);
}

const packr = new Packr({ useRecords: false, moreTypes: false });
const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true });

/** Encode a program as a binary `.moltirb` file. */
export function writeBinary(program: Program): Uint8Array {
  const bytes = packr.pack([BINARY_MAGIC, BINARY_FORMAT_VERSION, opTableHash(), serializeProgram(program, 'opcode')]);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Decode a binary file; every problem is a diagnostic naming it, never an exception. */
export function readBinary(bytes: Uint8Array, file?: string): ReadResult {
  const HINT = 'Recompile the program with this version of Molt.';
  if (bytes.length === 0) return { diagnostics: [diag('MOLT3201', 'the file is empty: it is not a Molt IR file', file)] };
  let data: unknown;
  try {
    data = unpackr.unpack(bytes);
  } catch (e) {
    const msg = errorMessage(e);
    const truncated = /end of (MessagePack )?(data|buffer)|unexpected end/i.test(msg) && !/not reached/.test(msg);
    return { diagnostics: [diag('MOLT3201', truncated ? 'the file is truncated: the msgpack data ends early' : `the file is not valid msgpack (${msg})`, file)] };
  }
  if (!Array.isArray(data) || data[0] !== BINARY_MAGIC) return { diagnostics: [diag('MOLT3201', `the file does not start with the magic '${BINARY_MAGIC}': it is not a Molt IR file`, file)] };
  if (data.length !== 4) return { diagnostics: [diag('MOLT3201', `the envelope has ${data.length} fields instead of 4 (magic, version, op-table hash, payload)`, file)] };
  const [, version, hash, payload] = data as [string, unknown, unknown, unknown];
  if (version !== BINARY_FORMAT_VERSION) return { diagnostics: [diag('MOLT3202', `the file has IR format version ${JSON.stringify(version)}, but this Molt reads version ${BINARY_FORMAT_VERSION}`, file, HINT)] };
  if (hash !== opTableHash()) return { diagnostics: [diag('MOLT3203', `the file was written with a different op table (hash ${JSON.stringify(hash)}, expected '${opTableHash()}')`, file, HINT)] };
  return deserializeProgram(payload, file);
}

/** The JSON form (same envelope and payload, ops by name), for debugging and diffing. */
export function toJson(program: Program): string {
  return JSON.stringify({ magic: BINARY_MAGIC, version: BINARY_FORMAT_VERSION, opTableHash: opTableHash(), payload: serializeProgram(program, 'name') }, null, 1) + '\n';
}

/** Read the JSON form; problems are diagnostics, as for `readBinary`. */
export function fromJson(text: string, file?: string): ReadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { diagnostics: [diag('MOLT3201', `the file is not valid JSON (${errorMessage(e)})`, file)] };
  }
  const o = data as Record<string, unknown> | null;
  if (typeof o !== 'object' || o === null || o.magic !== BINARY_MAGIC) return { diagnostics: [diag('MOLT3201', `the JSON has no "magic": "${BINARY_MAGIC}": it is not Molt IR`, file)] };
  if (o.version !== BINARY_FORMAT_VERSION) return { diagnostics: [diag('MOLT3202', `the file has IR format version ${JSON.stringify(o.version)}, but this Molt reads version ${BINARY_FORMAT_VERSION}`, file)] };
  if (o.opTableHash !== opTableHash()) return { diagnostics: [diag('MOLT3203', `the file was written with a different op table (hash ${JSON.stringify(o.opTableHash)}, expected '${opTableHash()}')`, file)] };
  return deserializeProgram(o.payload, file);
}
