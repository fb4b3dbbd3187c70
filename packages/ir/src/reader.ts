// reader.ts — the `.moltir` text format (reader side): parses what
// printer.ts writes back into Module / Program shapes. Malformed input gives
// MOLT31xx diagnostics with line and column; it never throws. The reader
// checks syntax and name resolution only: typing and SSA rules are the
// verifier's job (verifier.ts). Grammar: specs/ir.md §Text.
//
// Value and block ids are kept as printed, so `print(parse(text))` is
// `text` for printer output. Ids never defined (holes) are filled with
// placeholders outside the layout.

import { OPS, type ImmKind, type OpSpec } from './opTable.js';
import {
  type Block, type BlockCall, type BlockId, type Diagnostic, type FuncId, type Function, type Imm, type Inst, type InstId,
  type Module, type ParamKind, type Program, type PyCodeInfo, type SourceLoc, type Value, type ValueId, type ValueType,
} from './types.js';

const OP_BY_NAME: ReadonlyMap<string, OpSpec> = new Map(OPS.map((o) => [o.name, o]));
const VALUE_TYPES: readonly string[] = ['obj', 'i64', 'f64', 'bool'];
const PARAM_KINDS: readonly string[] = ['posonly', 'normal', 'varargs', 'kwonly', 'varkw'];

export interface ParseResult<T> {
  /** Present when the text parsed without errors. */
  readonly value?: T;
  readonly diagnostics: Diagnostic[];
}

type Tok =
  | { kind: 'ident'; text: string; col: number }
  | { kind: 'int'; text: string; col: number }
  | { kind: 'float'; text: string; col: number }
  | { kind: 'str'; value: string; col: number; text: string }
  | { kind: 'bytes'; value: Uint8Array; col: number; text: string }
  | { kind: 'punct'; text: string; col: number };

class SyntaxFail {
  constructor(readonly col: number, readonly message: string, readonly code = 'MOLT3101', readonly length = 1) {}
}

/** Tokens of one line and its trailing comment (text after `;`, outside strings). */
function tokenize(line: string): { toks: Tok[]; comment: string | undefined; commentCol: number } {
  const toks: Tok[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === ';') return { toks, comment: line.slice(i + 1), commentCol: i };
    if (c === '"' || (c === 'b' && line[i + 1] === '"')) {
      const start = i;
      const isBytes = c === 'b';
      let j = isBytes ? i + 2 : i + 1;
      while (j < n && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
      if (j >= n) throw new SyntaxFail(start, 'the string is not terminated', 'MOLT3101', n - start);
      const raw = line.slice(start, j + 1);
      if (isBytes) toks.push({ kind: 'bytes', value: parseBytesLiteral(raw.slice(2, -1), start), col: start, text: raw });
      else {
        let value: string;
        try {
          value = JSON.parse(raw) as string;
        } catch {
          throw new SyntaxFail(start, 'the string literal has an invalid escape', 'MOLT3101', raw.length);
        }
        toks.push({ kind: 'str', value, col: start, text: raw });
      }
      i = j + 1;
      continue;
    }
    const num = /^-?(?:inf|nan|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?![A-Za-z0-9_.])/.exec(line.slice(i));
    if (num !== null && (c === '-' || /\d/.test(c))) {
      const text = num[0];
      toks.push({ kind: /^-?\d+$/.test(text) ? 'int' : 'float', text, col: i });
      i += text.length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(line.slice(i));
    if (id !== null) {
      const text = id[0];
      toks.push({ kind: text === 'nan' || text === 'inf' ? 'float' : 'ident', text, col: i });
      i += text.length;
      continue;
    }
    if (line.startsWith('->', i)) {
      toks.push({ kind: 'punct', text: '->', col: i });
      i += 2;
      continue;
    }
    if ('(),:={}'.includes(c)) {
      toks.push({ kind: 'punct', text: c, col: i });
      i++;
      continue;
    }
    throw new SyntaxFail(i, `unexpected character '${c}'`);
  }
  return { toks, comment: undefined, commentCol: n };
}

function parseBytesLiteral(body: string, col: number): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body.charCodeAt(i);
    if (body[i] === '\\') {
      const m = /^x([0-9a-fA-F]{2})/.exec(body.slice(i + 1));
      if (m !== null) {
        out.push(parseInt(m[1]!, 16));
        i += 3;
      } else if (body[i + 1] === '\\' || body[i + 1] === '"') {
        out.push(body.charCodeAt(i + 1));
        i += 1;
      } else throw new SyntaxFail(col + 2 + i, 'a bytes literal allows only \\xNN, \\\\ and \\" escapes');
    } else if (ch < 0x20 || ch >= 0x7f) throw new SyntaxFail(col + 2 + i, 'a bytes literal holds printable ASCII only');
    else out.push(ch);
  }
  return Uint8Array.from(out);
}

/** A cursor over the tokens of one line. */
class Cursor {
  pos = 0;
  constructor(readonly toks: Tok[], readonly lineLength: number) {}
  peek(): Tok | undefined {
    return this.toks[this.pos];
  }
  atEnd(): boolean {
    return this.pos >= this.toks.length;
  }
  col(): number {
    return this.peek()?.col ?? this.lineLength;
  }
  next(what: string): Tok {
    const t = this.toks[this.pos];
    if (t === undefined) throw new SyntaxFail(this.lineLength, `expected ${what} at the end of the line`);
    this.pos++;
    return t;
  }
  isPunct(p: string): boolean {
    const t = this.peek();
    return t !== undefined && t.kind === 'punct' && t.text === p;
  }
  punct(p: string): void {
    const t = this.next(`'${p}'`);
    if (t.kind !== 'punct' || t.text !== p) throw new SyntaxFail(t.col, `expected '${p}', found '${t.text}'`, 'MOLT3101', t.text.length);
  }
  keyword(k: string): void {
    const t = this.next(`'${k}'`);
    if (t.kind !== 'ident' || t.text !== k) throw new SyntaxFail(t.col, `expected '${k}', found '${t.text}'`, 'MOLT3101', t.text.length);
  }
  str(what: string): string {
    const t = this.next(what);
    if (t.kind !== 'str') throw new SyntaxFail(t.col, `expected ${what} (a quoted string), found '${t.text}'`, 'MOLT3101', t.text.length);
    return t.value;
  }
  ref(prefix: string, what: string): { id: number; col: number } {
    const t = this.next(what);
    const m = t.kind === 'ident' ? new RegExp(`^${prefix}(\\d+)$`).exec(t.text) : null;
    if (m === null) throw new SyntaxFail(t.col, `expected ${what} ('${prefix}N'), found '${t.text}'`, 'MOLT3101', t.text.length);
    return { id: Number(m[1]), col: t.col };
  }
  type(): ValueType {
    const t = this.next('a type');
    if (t.kind !== 'ident' || !VALUE_TYPES.includes(t.text)) throw new SyntaxFail(t.col, `expected a type (obj, i64, f64, bool), found '${t.text}'`, 'MOLT3101', t.text.length);
    return t.text as ValueType;
  }
  end(): void {
    const t = this.peek();
    if (t !== undefined) throw new SyntaxFail(t.col, `unexpected '${t.text}' at the end of the line`, 'MOLT3101', t.text.length);
  }
}

interface PendingUse {
  readonly v: number;
  readonly line: number;
  readonly col: number;
}

/** Parses one function body; collects definitions and uses, resolves at the end. */
class FunctionState {
  readonly values: (Value | undefined)[] = [];
  readonly blocks: (Block | undefined)[] = [];
  readonly insts: Inst[] = [];
  readonly layout: BlockId[] = [];
  readonly uses: PendingUse[] = [];
  readonly blockRefs: { b: number; line: number; col: number }[] = [];
  current: BlockId | undefined;
  py: PyCodeInfo | undefined;
  constructor(readonly id: FuncId, readonly name: string, readonly params: ValueType[], readonly result: ValueType, readonly startLine: number) {}
}

class Reader {
  readonly diagnostics: Diagnostic[] = [];
  private lineNo = 0;
  private lines: string[];

  constructor(text: string, private readonly file: string | undefined) {
    this.lines = text.split('\n');
  }

  private diag(code: string, message: string, line: number, column: number, length = 1, hint?: string): void {
    const d: Diagnostic = { code, severity: 'error', message, line, column: column + 1, length, ...(this.file === undefined ? {} : { file: this.file }), ...(hint === undefined ? {} : { hint }) };
    this.diagnostics.push(d);
  }

  /** Next non-blank, non-comment-only line, tokenized; undefined at EOF. */
  private nextLine(): { cur: Cursor; raw: string; line: number; comment: string | undefined } | undefined {
    while (this.lineNo < this.lines.length) {
      const raw = this.lines[this.lineNo]!;
      const line = ++this.lineNo;
      if (/^\s*py\s/.test(raw)) return { cur: new Cursor([{ kind: 'ident', text: 'py', col: raw.indexOf('py') }], raw.length), raw, line, comment: undefined };
      let tk;
      try {
        tk = tokenize(raw);
      } catch (e) {
        if (!(e instanceof SyntaxFail)) throw e;
        this.diag(e.code, e.message, line, e.col, e.length);
        continue;
      }
      if (tk.toks.length === 0) continue;
      return { cur: new Cursor(tk.toks, raw.length), raw, line, comment: tk.comment };
    }
    return undefined;
  }

  parseProgram(): Program | undefined {
    const first = this.nextLine();
    if (first === undefined) {
      this.diag('MOLT3109', "the text is empty: expected 'program main \"<module>\"'", 1, 0);
      return undefined;
    }
    let main = '';
    try {
      first.cur.keyword('program');
      first.cur.keyword('main');
      main = first.cur.str('the main module name');
      first.cur.end();
    } catch (e) {
      this.syntax(e, first.line);
      return undefined;
    }
    const modules: Module[] = [];
    for (;;) {
      const m = this.parseModuleFrom(this.nextLine());
      if (m === 'eof') break;
      if (m !== undefined) modules.push(m);
    }
    return this.diagnostics.length === 0 ? { modules, main } : undefined;
  }

  parseModule(): Module | undefined {
    const m = this.parseModuleFrom(this.nextLine());
    if (m === 'eof') {
      this.diag('MOLT3109', "the text is empty: expected 'module \"<name>\" file \"<path>\" init fN'", 1, 0);
      return undefined;
    }
    const extra = this.nextLine();
    if (extra !== undefined) this.diag('MOLT3101', 'unexpected text after the module; use a program to hold several modules', extra.line, extra.cur.col());
    return this.diagnostics.length === 0 ? m : undefined;
  }

  private syntax(e: unknown, line: number): void {
    if (!(e instanceof SyntaxFail)) throw e;
    this.diag(e.code, e.message, line, e.col, e.length);
  }

  /** Parses `module ...` and its functions, up to the next `module` line or EOF. */
  private parseModuleFrom(head: ReturnType<Reader['nextLine']>): Module | undefined | 'eof' {
    if (head === undefined) return 'eof';
    let name = '';
    let file = '';
    let isPackage = false;
    let init = 0;
    try {
      head.cur.keyword('module');
      name = head.cur.str('the module name');
      head.cur.keyword('file');
      file = head.cur.str('the source path');
      const t = head.cur.peek();
      if (t !== undefined && t.kind === 'ident' && t.text === 'package') {
        head.cur.pos++;
        isPackage = true;
      }
      head.cur.keyword('init');
      init = head.cur.ref('f', 'the init function').id;
      head.cur.end();
    } catch (e) {
      this.syntax(e, head.line);
      // Skip to the next module header.
      this.skipUntil(/^\s*module\s/);
      return undefined;
    }
    const functions: Function[] = [];
    for (;;) {
      const save = this.lineNo;
      const l = this.nextLine();
      if (l === undefined) break;
      const t = l.cur.peek();
      if (t?.kind === 'ident' && t.text === 'module') {
        this.lineNo = save;
        break;
      }
      const fn = this.parseFunction(l, functions.length as FuncId);
      if (fn !== undefined) functions.push(fn);
    }
    return { name, file, isPackage, functions, init: init as FuncId };
  }

  private skipUntil(re: RegExp): void {
    while (this.lineNo < this.lines.length && !re.test(this.lines[this.lineNo]!)) this.lineNo++;
  }

  private parseFunction(l: NonNullable<ReturnType<Reader['nextLine']>>, expected: FuncId): Function | undefined {
    let st: FunctionState;
    try {
      l.cur.keyword('function');
      const ref = l.cur.ref('f', 'a function id');
      if (ref.id !== expected) throw new SyntaxFail(ref.col, `function 'f${ref.id}' is out of order: expected 'f${expected}'`, 'MOLT3107', String(ref.id).length + 1);
      const name = l.cur.str('the function name');
      l.cur.punct('(');
      const params: ValueType[] = [];
      while (!l.cur.isPunct(')')) {
        if (params.length > 0) l.cur.punct(',');
        const t = l.cur.next('a parameter');
        if (!(t.kind === 'ident' && (/^v\d+$/.test(t.text) || t.text === '_'))) throw new SyntaxFail(t.col, `expected a parameter ('vN: type'), found '${t.text}'`);
        l.cur.punct(':');
        params.push(l.cur.type());
      }
      l.cur.punct(')');
      l.cur.punct('->');
      const result = l.cur.type();
      l.cur.punct('{');
      l.cur.end();
      st = new FunctionState(expected, name, params, result, l.line);
    } catch (e) {
      this.syntax(e, l.line);
      this.skipUntil(/^\}/);
      this.lineNo++;
      return undefined;
    }
    const before = this.diagnostics.length;
    for (;;) {
      const line = this.nextLine();
      if (line === undefined) {
        this.diag('MOLT3109', `function 'f${st.id}' is not closed by '}'`, st.startLine, 0);
        return undefined;
      }
      const t = line.cur.peek()!;
      if (t.kind === 'punct' && t.text === '}') {
        try {
          line.cur.next('}');
          line.cur.end();
        } catch (e) {
          this.syntax(e, line.line);
        }
        break;
      }
      try {
        if (t.kind === 'ident' && t.text === 'py') this.parsePy(st, line.raw);
        else if (t.kind === 'ident' && /^block\d+$/.test(t.text)) this.parseBlockHeader(st, line.cur, line.line);
        else this.parseInst(st, line.cur, line.line, line.comment);
      } catch (e) {
        this.syntax(e, line.line);
      }
    }
    return this.finishFunction(st, before);
  }

  private parsePy(st: FunctionState, raw: string): void {
    const at = raw.indexOf('py') + 2;
    let j: unknown;
    try {
      j = JSON.parse(raw.slice(at));
    } catch {
      throw new SyntaxFail(at + 1, "the 'py' line is not valid JSON", 'MOLT3108', raw.length - at);
    }
    const py = toPyInfo(j);
    if (py === undefined) throw new SyntaxFail(at + 1, "the 'py' line lacks name, qualname, filename, firstLine, params or flags", 'MOLT3108', raw.length - at);
    if (st.blocks.length > 0 || st.py !== undefined) throw new SyntaxFail(0, "the 'py' line must come once, before the first block", 'MOLT3108');
    st.py = py;
  }

  private parseBlockHeader(st: FunctionState, cur: Cursor, line: number): void {
    const ref = cur.ref('block', 'a block');
    const b = ref.id as BlockId;
    if (st.blocks[b] !== undefined) throw new SyntaxFail(ref.col, `block 'block${b}' is defined twice`, 'MOLT3106', `block${b}`.length);
    const block: Block = { params: [], insts: [], unwind: undefined };
    st.blocks[b] = block;
    st.layout.push(b);
    st.current = b;
    if (cur.isPunct('(')) {
      cur.punct('(');
      while (!cur.isPunct(')')) {
        if (block.params.length > 0) cur.punct(',');
        const v = cur.ref('v', 'a block parameter');
        cur.punct(':');
        const type = cur.type();
        this.define(st, v.id, { type, def: { kind: 'param', block: b, index: block.params.length } }, line, v.col);
        block.params.push(v.id as ValueId);
      }
      cur.punct(')');
    }
    const t = cur.peek();
    if (t?.kind === 'ident' && t.text === 'unwind') {
      cur.pos++;
      block.unwind = this.blockCall(st, cur, line);
    }
    cur.punct(':');
    cur.end();
  }

  private define(st: FunctionState, v: number, value: Value, line: number, col: number): void {
    if (st.values[v] !== undefined) {
      this.diag('MOLT3104', `value 'v${v}' is defined twice`, line, col, `v${v}`.length);
      return;
    }
    st.values[v] = value;
  }

  private blockCall(st: FunctionState, cur: Cursor, line: number): BlockCall {
    const ref = cur.ref('block', 'a block');
    st.blockRefs.push({ b: ref.id, line, col: ref.col });
    const args: ValueId[] = [];
    if (cur.isPunct('(')) {
      cur.punct('(');
      while (!cur.isPunct(')')) {
        if (args.length > 0) cur.punct(',');
        args.push(this.use(st, cur, line));
      }
      cur.punct(')');
    }
    return { block: ref.id as BlockId, args };
  }

  private use(st: FunctionState, cur: Cursor, line: number): ValueId {
    const v = cur.ref('v', 'a value');
    st.uses.push({ v: v.id, line, col: v.col });
    return v.id as ValueId;
  }

  private parseInst(st: FunctionState, cur: Cursor, line: number, comment: string | undefined): void {
    if (st.current === undefined) throw new SyntaxFail(cur.col(), 'an instruction must follow a block header');
    let result: { id: number; col: number } | undefined;
    const t0 = cur.peek()!;
    if (t0.kind === 'ident' && /^v\d+$/.test(t0.text) && cur.toks[1]?.kind === 'punct' && cur.toks[1].text === '=') {
      result = cur.ref('v', 'a result');
      cur.punct('=');
    }
    const opTok = cur.next('an op name');
    if (opTok.kind !== 'ident') throw new SyntaxFail(opTok.col, `expected an op name, found '${opTok.text}'`);
    const spec = OP_BY_NAME.get(opTok.text);
    if (spec === undefined) throw new SyntaxFail(opTok.col, `unknown op '${opTok.text}'`, 'MOLT3102', opTok.text.length);
    const args: ValueId[] = [];
    const imms: Imm[] = [];
    const targets: BlockCall[] = [];
    let first = true;
    while (!cur.atEnd()) {
      if (!first) cur.punct(',');
      first = false;
      const t = cur.peek()!;
      if (t.kind === 'ident' && /^block\d+$/.test(t.text)) {
        targets.push(this.blockCall(st, cur, line));
        continue;
      }
      if (targets.length > 0) throw new SyntaxFail(t.col, 'operands and immediates must come before the branch targets');
      if (t.kind === 'ident' && /^v\d+$/.test(t.text)) {
        if (imms.length > 0) throw new SyntaxFail(t.col, 'value operands must come before the immediates');
        args.push(this.use(st, cur, line));
        continue;
      }
      cur.pos++;
      const kind = spec.imms?.[imms.length]?.kind;
      if (kind === undefined) throw new SyntaxFail(t.col, `op '${spec.name}' takes ${spec.imms?.length ?? 0} immediate(s)`, 'MOLT3105', tokText(t).length);
      imms.push(immFromToken(t, kind));
    }
    if (imms.length < (spec.imms?.length ?? 0)) throw new SyntaxFail(cur.lineLength, `op '${spec.name}' takes ${spec.imms!.length} immediate(s), found ${imms.length}`, 'MOLT3105');
    if (result !== undefined && spec.result === undefined) throw new SyntaxFail(result.col, `op '${spec.name}' has no result`, 'MOLT3105', `v${result.id}`.length);
    if (result === undefined && spec.result !== undefined) throw new SyntaxFail(opTok.col, `op '${spec.name}' has a result: write 'vN = ${spec.name} ...'`, 'MOLT3105', opTok.text.length);
    const instId = st.insts.length as InstId;
    const inst: Inst = { op: spec.name, args, imms, result: undefined, targets, loc: parseLoc(comment) };
    st.insts.push(inst);
    st.blocks[st.current]!.insts.push(instId);
    if (result !== undefined) {
      inst.result = result.id as ValueId;
      this.define(st, result.id, { type: spec.result!, def: { kind: 'inst', inst: instId } }, line, result.col);
    }
  }

  private finishFunction(st: FunctionState, before: number): Function | undefined {
    for (const u of st.uses) if (st.values[u.v] === undefined) this.diag('MOLT3103', `value 'v${u.v}' is not defined`, u.line, u.col, `v${u.v}`.length);
    for (const r of st.blockRefs) if (st.blocks[r.b] === undefined) this.diag('MOLT3106', `block 'block${r.b}' is not defined`, r.line, r.col, `block${r.b}`.length);
    if (st.layout.length === 0) this.diag('MOLT3106', `function 'f${st.id}' has no blocks`, st.startLine, 0);
    if (this.diagnostics.length > before) return undefined;
    const values: Value[] = [];
    for (let i = 0; i < st.values.length; i++) values.push(st.values[i] ?? { type: 'obj', def: { kind: 'inst', inst: -1 as InstId } });
    const blocks: Block[] = [];
    for (let i = 0; i < st.blocks.length; i++) blocks.push(st.blocks[i] ?? { params: [], insts: [], unwind: undefined });
    return { id: st.id, name: st.name, params: st.params, result: st.result, values, insts: st.insts, blocks, layout: st.layout, py: st.py };
  }
}

function tokText(t: Tok): string {
  return t.text;
}

function parseLoc(comment: string | undefined): SourceLoc | undefined {
  if (comment === undefined) return undefined;
  const m = /^\s*(\d+):(\d+)(?:\s+inlined\s+f(\d+)\s+at\s+(\d+):(\d+))?\s*$/.exec(comment);
  if (m === null) return undefined;
  const loc = { line: Number(m[1]), col: Number(m[2]) };
  if (m[3] === undefined) return loc;
  return { ...loc, inlined: { func: Number(m[3]) as FuncId, line: Number(m[4]), col: Number(m[5]) } };
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

function immFromToken(t: Tok, kind: ImmKind): Imm {
  const bad = (): never => {
    throw new SyntaxFail(t.col, `expected a${kind === 'i64' ? 'n' : ''} ${kind} immediate, found '${t.text}'`, 'MOLT3105', t.text.length);
  };
  switch (kind) {
    case 'bool':
      if (t.kind === 'ident' && (t.text === 'true' || t.text === 'false')) return t.text === 'true';
      return bad();
    case 'str':
      return t.kind === 'str' ? t.value : bad();
    case 'bytes':
      return t.kind === 'bytes' ? t.value : bad();
    case 'func': {
      const m = t.kind === 'ident' ? /^f(\d+)$/.exec(t.text) : null;
      return m === null ? bad() : Number(m[1]);
    }
    case 'bigint':
      return t.kind === 'int' ? BigInt(t.text) : bad();
    case 'i64': {
      if (t.kind !== 'int') return bad();
      const big = BigInt(t.text);
      if (big < I64_MIN || big > I64_MAX) throw new SyntaxFail(t.col, `the immediate '${t.text}' does not fit 64 bits`, 'MOLT3105', t.text.length);
      const n = Number(big);
      return Number.isSafeInteger(n) ? n : big;
    }
    case 'f64': {
      if (t.kind !== 'int' && t.kind !== 'float') return bad();
      if (t.text === 'nan' || t.text === '-nan') return NaN;
      if (t.text === 'inf') return Infinity;
      if (t.text === '-inf') return -Infinity;
      return Number(t.text);
    }
  }
}

function toPyInfo(j: unknown): PyCodeInfo | undefined {
  if (typeof j !== 'object' || j === null) return undefined;
  const o = j as Record<string, unknown>;
  if (typeof o.name !== 'string' || typeof o.qualname !== 'string' || typeof o.filename !== 'string' || typeof o.firstLine !== 'number') return undefined;
  if (!Array.isArray(o.params) || typeof o.flags !== 'object' || o.flags === null) return undefined;
  const params: PyCodeInfo['params'] = [];
  for (const p of o.params as unknown[]) {
    const q = p as Record<string, unknown>;
    if (typeof q !== 'object' || q === null || typeof q.name !== 'string' || typeof q.kind !== 'string' || !PARAM_KINDS.includes(q.kind)) return undefined;
    params.push({ name: q.name, kind: q.kind as ParamKind });
  }
  const flags: PyCodeInfo['flags'] = {};
  for (const [k, v] of Object.entries(o.flags as Record<string, unknown>)) {
    if (!['generator', 'coroutine', 'asyncgen', 'module', 'resume'].includes(k) || typeof v !== 'boolean') return undefined;
    if (v) flags[k as keyof PyCodeInfo['flags']] = true;
  }
  return { name: o.name, qualname: o.qualname, filename: o.filename, firstLine: o.firstLine, params, flags };
}

/** Parse a `.moltir` module (`module ...` then functions). */
export function parseModule(text: string, file?: string): ParseResult<Module> {
  const r = new Reader(text, file);
  const m = r.parseModule();
  return m === undefined ? { diagnostics: r.diagnostics } : { value: m, diagnostics: r.diagnostics };
}

/** Parse a `.moltir` program (`program main "..."` then modules). */
export function parseProgram(text: string, file?: string): ParseResult<Program> {
  const r = new Reader(text, file);
  const p = r.parseProgram();
  return p === undefined ? { diagnostics: r.diagnostics } : { value: p, diagnostics: r.diagnostics };
}
