// passes/manager.ts — what a pass is and how pipelines run. A pass is a
// named object `{ name, required, run(fn, ctx) }` that edits one function in
// place; a pipeline is a plain ordered array chosen by profile. The manager
// can verify after each pass, dump IR before/after named passes, and skip
// passes by name. Neighbours: passes/*.ts (the passes), verifier.ts.

import type { Profile } from '../backend.js';
import { printFunction } from '../printer.js';
import { encodeSiteTable, moduleSites, type RuntimeProfile } from '../profile.js';
import type { Diagnostic, Function, Module, Program } from '../types.js';
import { verifyFunction } from '../verifier.js';
import { constFoldPass } from './constFold.js';
import { copyPropPass } from './copyProp.js';
import { dcePass, unreachablePass } from './dce.js';
import { directCallPass } from './directCall.js';
import { INLINE_MAX_INSTS, inlinePass, instCount } from './inline.js';
import { instrumentationOf, instrumentPass, type Instrumentation } from './instrument.js';
import { profileGuidedPass } from './profileGuided.js';
import { rangeLoopPass } from './rangeLoop.js';
import { refcountPass } from './refcount.js';
import { simplifyCfgPass } from './simplifyCfg.js';
import { specializePass } from './specialize.js';
import { threadUnboxPass } from './threadUnbox.js';
import { typeInferPass } from './typeInfer.js';

export interface PassContext {
  /** The module of the function being transformed (for `func` references). */
  readonly module: Module;
  readonly profile: Profile;
  /** A validated, fresh runtime profile (`molt build --feedback`); absent otherwise. */
  readonly runtimeProfile?: RuntimeProfile;
  /**
   * The small functions of the module as they were before any pass, by id:
   * `inline` copies these, so the caller's passes specialise the callee's
   * generic code for the caller's arguments (and never copy profile ops).
   */
  readonly inlineSources?: ReadonlyMap<number, Function>;
  /** Instrumented builds (`molt build --instrument`): the module's sites, computed before any pass. */
  readonly instrumentation?: Instrumentation;
}

export interface Pass {
  /** Unique, kebab-case; used by `disabled`, `dumpBefore`, `dumpAfter`. */
  readonly name: string;
  /** Required passes make the IR acceptable to backends; they run in every profile. */
  readonly required: boolean;
  /**
   * A late pass runs on each function of a module only after every function
   * went through the earlier passes: what it adds is per function (e.g.
   * reference counting) and must not be copied into callers by `inline`.
   */
  readonly late?: boolean;
  /** Transform `fn` in place; returns true when it changed anything. */
  run(fn: Function, ctx: PassContext): boolean;
}

/** Every pass of @molt/ir, by name. */
export const PASSES: readonly Pass[] = [unreachablePass, directCallPass, inlinePass, copyPropPass, constFoldPass, rangeLoopPass, specializePass, typeInferPass, threadUnboxPass, simplifyCfgPass, dcePass, refcountPass];

/** The pass pipeline for a profile: `dev` runs only the required passes; `release` runs all. */
export function pipelineFor(profile: Profile): Pass[] {
  if (profile === 'dev') return PASSES.filter((p) => p.required);
  return [unreachablePass, copyPropPass, directCallPass, inlinePass, directCallPass, copyPropPass, constFoldPass, rangeLoopPass, specializePass, typeInferPass, threadUnboxPass, constFoldPass, simplifyCfgPass, copyPropPass, constFoldPass, simplifyCfgPass, dcePass, refcountPass];
}

export interface PassManagerOptions {
  readonly profile?: Profile;
  /** Override the pipeline chosen by profile. */
  readonly pipeline?: readonly Pass[];
  /** Verify each function before the pipeline and after every pass. */
  readonly verifyEach?: boolean;
  /** Names of passes before which the function is dumped. */
  readonly dumpBefore?: readonly string[];
  /** Names of passes after which the function is dumped. */
  readonly dumpAfter?: readonly string[];
  /** Names of passes to skip. */
  readonly disabled?: readonly string[];
  /** Receives dumps (default: collected in the result's `dumps`). */
  readonly dump?: (text: string) => void;
  /**
   * A validated runtime profile whose identity matches the program (stale
   * profiles are dropped before this). When set, `profile-guided` runs first,
   * on the frontend's IR, where the profile's site ids were computed.
   */
  readonly runtimeProfile?: RuntimeProfile;
  /**
   * Instrument the program (`molt build --instrument`): `instrument` runs
   * first (before `profile-guided`), each module's site table is computed
   * on the frontend's IR and stored in `Module.siteTable`.
   */
  readonly instrument?: boolean;
}

export interface PassRunResult {
  readonly diagnostics: Diagnostic[];
  readonly dumps: string[];
  /** Names of passes that changed something, in run order (repeats possible). */
  readonly changedBy: string[];
}

export class PassManager {
  readonly pipeline: readonly Pass[];
  readonly profile: Profile;

  constructor(private readonly opts: PassManagerOptions = {}) {
    this.profile = opts.profile ?? 'dev';
    const base = opts.pipeline ?? pipelineFor(this.profile);
    const guided = opts.runtimeProfile !== undefined && !base.includes(profileGuidedPass) ? [profileGuidedPass, ...base] : base;
    this.pipeline = opts.instrument === true && !guided.includes(instrumentPass) ? [instrumentPass, ...guided] : guided;
  }

  private readonly instrumented = new WeakMap<Module, Instrumentation>();

  /** The sites of `module`, computed (and its `siteTable` set) before the first pass touches it. */
  private instrumentationOf(module: Module): Instrumentation {
    let inst = this.instrumented.get(module);
    if (inst === undefined) {
      inst = instrumentationOf(moduleSites(module));
      module.siteTable = encodeSiteTable(module, inst.sites);
      this.instrumented.set(module, inst);
    }
    return inst;
  }

  private context(module: Module): PassContext {
    return {
      module,
      profile: this.profile,
      ...(this.opts.runtimeProfile === undefined ? {} : { runtimeProfile: this.opts.runtimeProfile }),
      ...(this.opts.instrument === true ? { instrumentation: this.instrumentationOf(module) } : {}),
    };
  }

  runProgram(program: Program): PassRunResult {
    const res: PassRunResult = { diagnostics: [], dumps: [], changedBy: [] };
    for (const m of program.modules) this.runModuleInto(m, res);
    return res;
  }

  runModule(module: Module): PassRunResult {
    const res: PassRunResult = { diagnostics: [], dumps: [], changedBy: [] };
    this.runModuleInto(module, res);
    return res;
  }

  runFunction(fn: Function, module: Module): PassRunResult {
    const res: PassRunResult = { diagnostics: [], dumps: [], changedBy: [] };
    this.runFunctionInto(fn, this.context(module), res);
    return res;
  }

  private runModuleInto(module: Module, res: PassRunResult): void {
    const disabled = new Set(this.opts.disabled ?? []);
    for (const p of this.pipeline) {
      if (p.required && disabled.has(p.name)) {
        res.diagnostics.push({ code: 'MOLT3302', severity: 'warning', message: `pass '${p.name}' is required; backends may reject the IR without it`, file: module.file });
      }
    }
    const known = new Set(PASSES.map((p) => p.name));
    for (const n of [...disabled, ...(this.opts.dumpBefore ?? []), ...(this.opts.dumpAfter ?? [])]) {
      if (!known.has(n) && !this.pipeline.some((p) => p.name === n)) res.diagnostics.push({ code: 'MOLT3303', severity: 'warning', message: `there is no pass named '${n}'`, hint: `Passes: ${[...known].join(', ')}.` });
    }
    // Late passes wait until every function went through the others (`inline` copies callees).
    // `inline` copies callees as they were before any pass (instrumented too, so
    // inlined copies count at the callee's sites; specialised by the profile in
    // profile-guided builds, so inlined copies keep their fast paths); kept only
    // when it will run.
    const inlineSources = new Map<number, Function>();
    const ctx = { ...this.context(module), inlineSources };
    if (this.pipeline.includes(inlinePass) && !disabled.has(inlinePass.name)) {
      module.functions.forEach((fn, id) => {
        if (instCount(fn) > INLINE_MAX_INSTS) return;
        const clone = structuredClone(fn);
        if (ctx.instrumentation !== undefined) instrumentPass.run(clone, ctx);
        if (this.pipeline.includes(profileGuidedPass)) profileGuidedPass.run(clone, ctx);
        inlineSources.set(id, clone);
      });
    }
    const broken = new Set<Function>();
    for (const fn of module.functions) if (!this.runFunctionInto(fn, ctx, res, 'early')) broken.add(fn);
    for (const fn of module.functions) if (!broken.has(fn)) this.runFunctionInto(fn, ctx, res, 'late');
  }

  /** Run the pipeline's early or late passes (or all) on `fn`; false when verification failed. */
  private runFunctionInto(fn: Function, ctx: PassContext, res: PassRunResult, part: 'early' | 'late' | 'all' = 'all'): boolean {
    const disabled = new Set(this.opts.disabled ?? []);
    const before = new Set(this.opts.dumpBefore ?? []);
    const after = new Set(this.opts.dumpAfter ?? []);
    const emit = (text: string): void => {
      if (this.opts.dump !== undefined) this.opts.dump(text);
      else res.dumps.push(text);
    };
    const nFunctions = ctx.module.functions.length;
    const check = (when: string): boolean => {
      if (!this.opts.verifyEach) return true;
      const errors = verifyFunction(fn, { functionCount: nFunctions, file: ctx.module.file });
      if (errors.length === 0) return true;
      res.diagnostics.push({
        code: 'MOLT3301', severity: 'error', file: ctx.module.file,
        message: `function '${fn.name}' is invalid ${when}: ${errors[0]!.code} ${errors[0]!.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
        related: errors.map((e) => ({ message: `${e.code} ${e.message}` })),
      });
      return false;
    };
    if (part !== 'late' && !check('before the pass pipeline')) return false;
    for (const p of this.pipeline) {
      if (disabled.has(p.name) || (part === 'early' && p.late === true) || (part === 'late' && p.late !== true)) continue;
      if (before.has(p.name)) emit(`; before ${p.name}\n${printFunction(fn)}`);
      if (p.run(fn, ctx)) res.changedBy.push(p.name);
      if (after.has(p.name)) emit(`; after ${p.name}\n${printFunction(fn)}`);
      if (!check(`after pass '${p.name}' (a bug in that pass)`)) return false;
    }
    return true;
  }
}
