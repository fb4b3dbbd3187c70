// validate.ts — checks a feedback file at the trust boundary: JSON syntax,
// version and kind, the JSON Schema (ajv), then what a schema cannot say
// (impossible counts, duplicate records, site ids and record kinds the
// program does not have). Problems are MOLT6xxx diagnostics, never throws.
// Neighbours: schema.ts, read.ts (turns a valid file into a RuntimeProfile),
// specs/runtime-feedback.md §Validation (the code table).

import AjvModule from 'ajv';
import type { Diagnostic, SiteId, SiteKind } from '@molt/ir';
import { FEEDBACK_KIND, FEEDBACK_SCHEMA_VERSION, RUNTIME_FEEDBACK_SCHEMA, type FeedbackJson, type SiteJson } from './schema.js';

/** What the program knows about a site (an `@molt/ir` `Site` fits). */
export interface SiteInfo {
  readonly kinds: readonly SiteKind[];
  readonly op?: string;
}

export interface ValidateOptions {
  /** The file name put in diagnostics. */
  readonly file?: string;
  /** The program's sites (`programSites(program)`): unknown ids and impossible kinds become errors. */
  readonly sites?: ReadonlyMap<SiteId, SiteInfo>;
}

export interface ValidateResult {
  /** The file's content when it has no errors. */
  readonly json?: FeedbackJson;
  readonly diagnostics: Diagnostic[];
}

type AjvError = { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> };
type ValidateFn = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
let validator: ValidateFn | undefined;

function schemaErrors(data: unknown): AjvError[] {
  if (validator === undefined) {
    const Ajv = AjvModule.default;
    validator = new Ajv({ allErrors: true, strict: false, discriminator: true }).compile(RUNTIME_FEEDBACK_SCHEMA) as ValidateFn;
  }
  return validator(data) ? [] : validator.errors ?? [];
}

function lineCol(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Validate the text of a feedback file. */
export function validateFeedbackText(text: string, opts: ValidateOptions = {}): ValidateResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const at = /position (\d+)/.exec(msg);
    const pos = at === null ? {} : lineCol(text, Number(at[1]));
    return {
      diagnostics: [{
        code: 'MOLT6001', severity: 'error', ...(opts.file === undefined ? {} : { file: opts.file }), ...pos,
        message: text.trim() === '' ? 'the runtime profile is empty' : `the runtime profile is not valid JSON: ${msg}`,
        hint: 'the file may be truncated or not a Molt profile; record it again with an instrumented build',
      }],
    };
  }
  return validateFeedbackJson(data, opts);
}

/** Validate parsed JSON as a feedback file. */
export function validateFeedbackJson(data: unknown, opts: ValidateOptions = {}): ValidateResult {
  const file = opts.file === undefined ? {} : { file: opts.file };
  const err = (code: string, message: string, hint?: string): Diagnostic => ({ code, severity: 'error', ...file, message, ...(hint === undefined ? {} : { hint }) });
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { diagnostics: [err('MOLT6004', 'the runtime profile is not a JSON object')] };
  }
  const o = data as Record<string, unknown>;
  if (!('schema_version' in o)) return { diagnostics: [err('MOLT6002', "the runtime profile has no 'schema_version'", 'the file is not a Molt runtime profile')] };
  if (o.schema_version !== FEEDBACK_SCHEMA_VERSION) {
    const v = o.schema_version;
    const newer = typeof v === 'number' && v > FEEDBACK_SCHEMA_VERSION;
    return {
      diagnostics: [err('MOLT6002', `the runtime profile has schema version ${JSON.stringify(v)}; this molt reads version ${FEEDBACK_SCHEMA_VERSION}`,
        newer ? 'use the molt that wrote the file, or a newer one' : 'record the profile again with this molt (build with --instrument and run)')],
    };
  }
  if (o.kind !== FEEDBACK_KIND) return { diagnostics: [err('MOLT6003', `the file's kind is ${JSON.stringify(o.kind)}, not '${FEEDBACK_KIND}'`, 'pass a molt_runtime_feedback.json file')] };
  const errors = schemaErrors(data);
  if (errors.length > 0) {
    const diags: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const e of errors) {
      const where = e.instancePath === '' ? 'the profile' : `'${e.instancePath}'`;
      let d: Diagnostic;
      if (e.keyword === 'minimum' && typeof (e.params.limit) === 'number' && e.params.limit <= 1 && /\/(executions|pass|fail|taken|not_taken|trips|counts\/.*)$|^\/runs$/.test(e.instancePath)) {
        d = err('MOLT6006', `${where} is a negative count`);
      } else if (e.keyword === 'required') {
        d = err('MOLT6004', `${where} has no field '${String(e.params.missingProperty)}'`);
      } else if (e.keyword === 'additionalProperties') {
        d = err('MOLT6004', `${where} has an unknown field '${String(e.params.additionalProperty)}'`);
      } else {
        d = err('MOLT6004', `${where} ${e.message ?? 'is invalid'}`);
      }
      const key = `${d.code} ${d.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        diags.push(d);
      }
    }
    // A negative count also breaks `minimum: 1` on runs: keep the most specific codes first.
    return { diagnostics: diags };
  }
  const json = data as FeedbackJson;
  const diags = checkRecords(json.sites, opts, err);
  return diags.length > 0 ? { diagnostics: diags } : { json, diagnostics: [] };
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** The checks a schema cannot express. */
function checkRecords(sites: readonly SiteJson[], opts: ValidateOptions, err: (code: string, message: string, hint?: string) => Diagnostic): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  sites.forEach((r, i) => {
    const at = `'/sites/${i}' (site ${r.site}, ${r.kind})`;
    const key = `${r.site} ${r.kind}`;
    if (seen.has(key)) out.push(err('MOLT6007', `${at} repeats a record of the same site and kind`, 'merge files with `molt feedback merge` instead of concatenating them'));
    seen.add(key);
    switch (r.kind) {
      case 'guard':
        if (r.fail > r.executions) out.push(err('MOLT6005', `${at} has more failures (${r.fail}) than executions (${r.executions})`));
        else if (r.pass + r.fail !== r.executions) out.push(err('MOLT6005', `${at} has pass ${r.pass} + fail ${r.fail} != executions ${r.executions}`));
        break;
      case 'branch':
        if (r.taken + r.not_taken !== r.executions) out.push(err('MOLT6005', `${at} has taken ${r.taken} + not_taken ${r.not_taken} != executions ${r.executions}`));
        break;
      case 'types': case 'calltargets': case 'deopt':
        if (sum(r.counts) > r.executions) out.push(err('MOLT6005', `${at} counts ${sum(r.counts)} observations in ${r.executions} executions`));
        break;
      case 'loop': case 'alloc':
        break;
    }
    if (opts.sites !== undefined) {
      const s = opts.sites.get(r.site);
      if (s === undefined) out.push(err('MOLT6008', `${at} names a site the program does not have`, 'the profile belongs to another program or another build of it'));
      else if (!s.kinds.includes(r.kind)) out.push(err('MOLT6009', `${at} is a '${r.kind}' record, which a '${s.op ?? '?'}' site cannot have`));
    }
  });
  return out;
}
