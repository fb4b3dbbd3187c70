// profile.ts — runtime profiles as the IR passes see them: stable site ids
// for every dynamic IR site, and the typed profile (`RuntimeProfile`) that
// `@molt/runtime-feedback` reads from `molt_runtime_feedback.json` and the
// profile-guided pass consumes. Passes import these types from here and never
// import @molt/runtime-feedback. Neighbours: passes/profileGuided.ts,
// cfg.ts (loop headers), specs/runtime-feedback.md (file format, site ids).
//
// A site id is FNV-1a 64 (16 lowercase hex digits) of
//   `${module}\0${function name}\0${line}:${col}\0${op}\0${ordinal}`
// computed on the frontend's IR, before any pass: `line:col` is the
// instruction's location (else that of the nearest located instruction
// before it in its block, else `?`), `ordinal` counts earlier sites of the
// function with the same location and op in layout order. Ids are therefore
// deterministic for one source text and one compiler, and are not meant to
// survive edits: the module `sourceHash` detects a stale profile.

import { buildCfg, dominates } from './cfg.js';
import { OPS, type OpSpec } from './opTable.js';
import type { BlockId, Function, InstId, Module, Program } from './types.js';

/** Version of the site-id scheme above; bumped when ids change for the same source. */
export const SITE_ID_SCHEME = 1;

/** A site id: 16 lowercase hex digits. */
export type SiteId = string;

/** What the runtime records at a site. */
export type SiteKind = 'guard' | 'types' | 'calltargets' | 'branch' | 'loop' | 'alloc' | 'deopt';

export const SITE_KINDS: readonly SiteKind[] = ['guard', 'types', 'calltargets', 'branch', 'loop', 'alloc', 'deopt'];

/** Counts per key (type tag, call target, deopt reason). Keys beyond the runtime's cap are not listed. */
export type CountMap = Readonly<Record<string, number>>;

/**
 * One site's record of one kind. `executions` is how often the site ran
 * (for a loop: how often it was entered); the other counts refine it.
 */
export type SiteRecord =
  | { readonly kind: 'guard'; readonly site: SiteId; readonly executions: number; readonly pass: number; readonly fail: number }
  /** Observed operand type tags, comma-joined for several operands (`int,int`). */
  | { readonly kind: 'types'; readonly site: SiteId; readonly executions: number; readonly counts: CountMap }
  /** Observed callees: `<module>:<qualname>` for compiled code, else `builtin:<name>`, `type:<qualname>` or `other`. */
  | { readonly kind: 'calltargets'; readonly site: SiteId; readonly executions: number; readonly counts: CountMap }
  /** `taken`: the first (true) successor of a `brif`. */
  | { readonly kind: 'branch'; readonly site: SiteId; readonly executions: number; readonly taken: number; readonly notTaken: number }
  /** `trips`: back edges taken in total over all entries. */
  | { readonly kind: 'loop'; readonly site: SiteId; readonly executions: number; readonly trips: number }
  | { readonly kind: 'alloc'; readonly site: SiteId; readonly executions: number }
  /** Failed speculation at a site, by reason (`type`, `overflow`, `zero-division`, `target`). */
  | { readonly kind: 'deopt'; readonly site: SiteId; readonly executions: number; readonly counts: CountMap };

export type SiteRecordOf<K extends SiteKind> = Extract<SiteRecord, { kind: K }>;

/** Every record of one site, by kind. */
export type SiteProfile = { readonly [K in SiteKind]?: SiteRecordOf<K> };

export interface ProfileModule {
  readonly name: string;
  readonly file?: string;
  /** `sourceHash` of the module's source text. */
  readonly sourceHash: string;
}

/** What a profile was recorded from; two profiles merge only when these agree. */
export interface ProfileIdentity {
  /** The `__main__` module's name as in `Program.main`. */
  readonly main: string;
  /** Every compiled module, sorted by name. */
  readonly modules: readonly ProfileModule[];
  readonly compiler: { readonly version: string; readonly opTableHash: string; readonly siteIdScheme: number };
}

/** A runtime profile, validated: what passes consume (`PassContext.runtimeProfile`). */
export interface RuntimeProfile {
  readonly identity: ProfileIdentity;
  /** Number of program runs merged into this profile. */
  readonly runs: number;
  /** `native`, `wasm`, or `mixed` after merging both. */
  readonly target?: string;
  readonly sites: ReadonlyMap<SiteId, SiteProfile>;
}

/** FNV-1a 64 of the UTF-8 bytes of `text`, as 16 lowercase hex digits. */
export function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const b of new TextEncoder().encode(text)) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/** The staleness hash of a module's source text (line endings normalised to `\n`). */
export function sourceHash(text: string): string {
  return fnv1a64(text.replace(/\r\n?/g, '\n'));
}

const BY_NAME: ReadonlyMap<string, OpSpec> = new Map(OPS.map((o) => [o.name, o]));
const OPERATORS = new Set(OPS.filter((o) => o.family === 'operator' || (o.family === 'compare' && o.runtime !== undefined && o.name !== 'truthy')).map((o) => o.name));
const RECEIVER = new Set(['getattr', 'setattr', 'delattr', 'getitem', 'setitem', 'delitem', 'truthy', 'iter', 'iter.next', 'len']);
const CALLS = new Set(['call', 'call.kw', 'call.ex', 'method.call', 'method.call.kw']);
const METHOD_CALLS = new Set(['callmethod', 'callmethod.kw']);

/** The record kinds the runtime may write for a site of op `op` (empty: not a site). `loop` is the pseudo-op of loop headers. */
export function siteKindsOf(op: string): readonly SiteKind[] {
  if (op === 'loop') return ['loop'];
  if (op === 'brif') return ['branch'];
  if (op.startsWith('guard.')) return ['guard'];
  // Generic arithmetic and comparisons: the ops a speculating pass guards (hence `deopt`).
  if (OPERATORS.has(op)) return ['types', 'deopt'];
  if (RECEIVER.has(op)) return ['types'];
  if (CALLS.has(op)) return ['calltargets', 'deopt'];
  if (METHOD_CALLS.has(op)) return ['types', 'calltargets', 'deopt'];
  const s = BY_NAME.get(op);
  if (s !== undefined && s.effects.includes('alloc')) return ['alloc'];
  return [];
}

/** One dynamic site of the IR. */
export interface Site {
  readonly id: SiteId;
  readonly kinds: readonly SiteKind[];
  readonly module: string;
  /** IR function name (unique in its module). */
  readonly func: string;
  readonly funcId: number;
  /** Python qualname when known (for people reading a profile). */
  readonly qualname: string | undefined;
  /** 0 when unknown. */
  readonly line: number;
  readonly col: number;
  /** The op, or `loop` for a loop header. */
  readonly op: string;
  readonly ordinal: number;
  /** The instruction (absent for a loop site). */
  readonly inst: InstId | undefined;
  /** The block holding `inst`, or the loop header. */
  readonly block: BlockId;
}

/** Loop headers of `fn`: targets of a back edge (an edge whose target dominates its source), in layout order. */
export function loopHeaders(fn: Function): BlockId[] {
  const cfg = buildCfg(fn);
  const reach = new Set(cfg.rpo);
  const headers = new Set<BlockId>();
  for (const b of cfg.rpo) for (const e of cfg.succs.get(b) ?? []) if (reach.has(e.to) && dominates(cfg, e.to, b)) headers.add(e.to);
  return fn.layout.filter((b) => headers.has(b));
}

/** Every site of one function, in layout order (loop sites first within their header block). */
export function functionSites(module: Module, fn: Function): Site[] {
  const sites: Site[] = [];
  const seen = new Map<string, number>();
  const headers = new Set(loopHeaders(fn));
  const add = (op: string, kinds: readonly SiteKind[], line: number, col: number, block: BlockId, inst: InstId | undefined): void => {
    const where = line === 0 ? '?' : `${line}:${col}`;
    const k = `${where}\0${op}`;
    const ordinal = seen.get(k) ?? 0;
    seen.set(k, ordinal + 1);
    const id = fnv1a64(`${module.name}\0${fn.name}\0${where}\0${op}\0${ordinal}`);
    sites.push({ id, kinds, module: module.name, func: fn.name, funcId: fn.id, qualname: fn.py?.qualname, line, col, op, ordinal, inst, block });
  };
  for (const b of fn.layout) {
    const block = fn.blocks[b]!;
    if (headers.has(b)) {
      const first = block.insts.map((i) => fn.insts[i]!.loc).find((l) => l !== undefined);
      add('loop', ['loop'], first?.line ?? 0, first?.col ?? 0, b, undefined);
    }
    let line = 0;
    let col = 0;
    for (const id of block.insts) {
      const inst = fn.insts[id]!;
      if (inst.loc !== undefined) ({ line, col } = inst.loc);
      const kinds = siteKindsOf(inst.op);
      if (kinds.length > 0) add(inst.op, kinds, line, col, b, id);
    }
  }
  return sites;
}

/** Every site of a module, function by function. */
export function moduleSites(module: Module): Site[] {
  return module.functions.flatMap((fn) => functionSites(module, fn));
}

/** Every site of a program, by id. Computed on the frontend's IR (before passes). */
export function programSites(program: Program): Map<SiteId, Site> {
  const m = new Map<SiteId, Site>();
  for (const mod of program.modules) for (const s of moduleSites(mod)) m.set(s.id, s);
  return m;
}

/**
 * The site table a backend embeds in an instrumented build (UTF-8 JSON): the
 * runtime allocates one counter block per entry, indexed by position, and
 * writes each entry's `id` into the feedback file.
 */
export function encodeSiteTable(module: Module, sites: readonly Site[] = moduleSites(module)): Uint8Array {
  const rows = sites.map((s) => ({ id: s.id, kinds: s.kinds, op: s.op, func: s.qualname ?? s.func, line: s.line, col: s.col }));
  return new TextEncoder().encode(JSON.stringify({ module: module.name, siteIdScheme: SITE_ID_SCHEME, sites: rows }));
}

/**
 * Where each module's sites start in the program-wide site numbering of an
 * instrumented build: the backend adds a module's base to the `site`
 * immediate of its `profile.*` ops and registers the tables in module order.
 * Modules without a `siteTable` have none (base of the next module unchanged).
 */
export function siteTableBases(program: Program): number[] {
  const bases: number[] = [];
  let next = 0;
  for (const m of program.modules) {
    bases.push(next);
    if (m.siteTable !== undefined) next += (JSON.parse(new TextDecoder().decode(m.siteTable)) as { sites: unknown[] }).sites.length;
  }
  return bases;
}

/** The record of `kind` at `site`, if the profile has one. */
export function siteRecord<K extends SiteKind>(profile: RuntimeProfile, site: SiteId, kind: K): SiteRecordOf<K> | undefined {
  return profile.sites.get(site)?.[kind] as SiteRecordOf<K> | undefined;
}

/** The most frequent key of a count map and its share of `executions` (0 when nothing was recorded). */
export function dominantKey(counts: CountMap, executions: number): { key: string | undefined; share: number } {
  let key: string | undefined;
  let best = -1;
  for (const k of Object.keys(counts).sort()) {
    const n = counts[k]!;
    if (n > best) {
      best = n;
      key = k;
    }
  }
  if (key === undefined || executions <= 0) return { key: undefined, share: 0 };
  return { key, share: best / executions };
}
