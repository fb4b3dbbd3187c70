// printer.ts — the `.moltir` text format (writer side). Deterministic,
// line-oriented and Cranelift-like; locations go in `;` comments.
// Neighbours: reader.ts parses exactly this grammar back
// (`print(parse(print(m))) === print(m)`); verifier.ts re-prints a function
// with its errors through `printFunctionLines`. Grammar: specs/ir.md §Text.
//
// The printer is total: it prints malformed IR (unknown ops, dangling ids)
// as best it can and never throws, so the verifier can show the damage.

import { OPS, type ImmKind, type OpSpec } from './opTable.js';
import type { BlockCall, BlockId, Function, Imm, Inst, InstId, Module, Program, PyCodeInfo, ValueId } from './types.js';

const OP_BY_NAME: ReadonlyMap<string, OpSpec> = new Map(OPS.map((o) => [o.name, o]));

/** One printed line and the IR entity it shows (for inline error reports). */
export interface PrintedLine {
  readonly text: string;
  readonly block?: BlockId;
  readonly inst?: InstId;
  /** True for the `function ...` header line. */
  readonly header?: boolean;
}

/** Print a whole program: a `program` line, then each module. */
export function printProgram(program: Program): string {
  const parts = [`program main ${JSON.stringify(program.main)}\n`];
  for (const m of program.modules) parts.push(printModule(m));
  return parts.join('\n');
}

/** Print a module: its header line, then each function separated by a blank line. */
export function printModule(module: Module): string {
  const head = `module ${JSON.stringify(module.name)} file ${JSON.stringify(module.file)}${module.isPackage ? ' package' : ''} init f${module.init}\n`;
  return [head, ...module.functions.map((f) => printFunction(f))].join('\n');
}

/** Print one function. */
export function printFunction(fn: Function): string {
  return printFunctionLines(fn).map((l) => l.text + '\n').join('');
}

/** The lines of a printed function, each tagged with what it shows. */
export function printFunctionLines(fn: Function): PrintedLine[] {
  const lines: PrintedLine[] = [];
  const entry = fn.layout[0];
  const entryParams = entry === undefined ? [] : fn.blocks[entry]?.params ?? [];
  const params = fn.params.map((t, i) => `${entryParams[i] === undefined ? '_' : valueName(entryParams[i]!)}: ${t}`).join(', ');
  lines.push({ text: `function f${fn.id} ${JSON.stringify(fn.name)}(${params}) -> ${fn.result} {`, header: true });
  if (fn.py !== undefined) lines.push({ text: `  py ${printPyInfo(fn.py)}`, header: true });
  for (const b of fn.layout) {
    const block = fn.blocks[b];
    if (block === undefined) {
      lines.push({ text: `block${b}:  ; missing block`, block: b });
      continue;
    }
    const ps = block.params.map((p) => `${valueName(p)}: ${fn.values[p]?.type ?? '?'}`).join(', ');
    const unwind = block.unwind === undefined ? '' : ` unwind ${printBlockCall(block.unwind)}`;
    lines.push({ text: `block${b}${ps.length > 0 ? `(${ps})` : ''}${unwind}:`, block: b });
    for (const i of block.insts) {
      const inst = fn.insts[i];
      lines.push({ text: inst === undefined ? `  ; missing instruction ${i}` : '  ' + printInst(inst), block: b, inst: i });
    }
  }
  lines.push({ text: '}' });
  return lines;
}

/** Print one instruction (without indentation). */
export function printInst(inst: Inst): string {
  const spec = OP_BY_NAME.get(inst.op);
  const items: string[] = inst.args.map(valueName);
  inst.imms.forEach((imm, k) => items.push(printImm(imm, spec?.imms?.[k]?.kind)));
  for (const t of inst.targets) items.push(printBlockCall(t));
  let text = inst.result === undefined ? inst.op : `${valueName(inst.result)} = ${inst.op}`;
  if (items.length > 0) text += ' ' + items.join(', ');
  if (inst.loc !== undefined) {
    text += `  ; ${inst.loc.line}:${inst.loc.col}`;
    const at = inst.loc.inlined;
    if (at !== undefined) text += ` inlined f${at.func} at ${at.line}:${at.col}`;
  }
  return text;
}

export function valueName(v: ValueId): string {
  return `v${v}`;
}

export function printBlockCall(call: BlockCall): string {
  return call.args.length === 0 ? `block${call.block}` : `block${call.block}(${call.args.map(valueName).join(', ')})`;
}

/** Print an immediate unambiguously; `kind` (from the op table) disambiguates numbers. */
export function printImm(imm: Imm, kind: ImmKind | undefined): string {
  if (typeof imm === 'string') return JSON.stringify(imm);
  if (typeof imm === 'boolean') return imm ? 'true' : 'false';
  if (typeof imm === 'bigint') return imm.toString();
  if (imm instanceof Uint8Array) return printBytes(imm);
  if (kind === 'func') return `f${imm}`;
  if (kind === 'f64' || !Number.isInteger(imm) || Object.is(imm, -0)) return printFloat(imm);
  return String(imm);
}

/** A float that reads back bit-exactly (except NaN payloads): `1.0`, `-0.0`, `nan`, `-inf`, `1e+300`. */
export function printFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '-0.0';
  const s = String(x);
  return /[.e]/.test(s) ? s : s + '.0';
}

/** `b"..."`: printable ASCII except `"` and `\` as is, every other byte as `\xNN`. */
export function printBytes(bytes: Uint8Array): string {
  let s = 'b"';
  for (const c of bytes) {
    if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c) s += String.fromCharCode(c);
    else s += '\\x' + c.toString(16).padStart(2, '0');
  }
  return s + '"';
}

/** Python code info as one line of JSON with a fixed key order. */
export function printPyInfo(py: PyCodeInfo): string {
  const flags: Record<string, boolean> = {};
  for (const k of ['generator', 'coroutine', 'asyncgen', 'module', 'resume'] as const) if (py.flags[k]) flags[k] = true;
  return JSON.stringify({
    name: py.name,
    qualname: py.qualname,
    filename: py.filename,
    firstLine: py.firstLine,
    params: py.params.map((p) => ({ name: p.name, kind: p.kind })),
    flags,
  });
}
