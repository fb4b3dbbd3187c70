// read.ts — feedback files into typed profiles: `readFeedback` (text),
// `readFeedbackFile` (a path), and `loadFeedbackForBuild`, the one call
// `molt build --feedback FILE` makes: validate against the program's sites,
// drop a stale profile with a warning, return what the PassManager takes.
// Neighbours: validate.ts, identity.ts, write.ts (the inverse), merge.ts.

import { readFileSync } from 'node:fs';
import { programSites, type Diagnostic, type Program, type RuntimeProfile, type SiteProfile, type SiteRecord } from '@molt/ir';
import { programIdentity, staleProfileDiagnostics } from './identity.js';
import type { FeedbackJson, SiteJson } from './schema.js';
import { validateFeedbackText, type ValidateOptions } from './validate.js';

export interface ReadResult {
  /** Present when the file has no errors. */
  readonly profile?: RuntimeProfile;
  readonly diagnostics: Diagnostic[];
}

function recordOf(r: SiteJson): SiteRecord {
  const base = { site: r.site, executions: r.executions };
  switch (r.kind) {
    case 'guard': return { kind: 'guard', ...base, pass: r.pass, fail: r.fail };
    case 'types': return { kind: 'types', ...base, counts: { ...r.counts } };
    case 'calltargets': return { kind: 'calltargets', ...base, counts: { ...r.counts } };
    case 'deopt': return { kind: 'deopt', ...base, counts: { ...r.counts } };
    case 'branch': return { kind: 'branch', ...base, taken: r.taken, notTaken: r.not_taken };
    case 'loop': return { kind: 'loop', ...base, trips: r.trips };
    case 'alloc': return { kind: 'alloc', ...base };
  }
}

/** A validated file as a `RuntimeProfile` (no further checks). */
export function profileFromJson(json: FeedbackJson): RuntimeProfile {
  const sites = new Map<string, SiteProfile>();
  for (const r of json.sites) sites.set(r.site, { ...sites.get(r.site), [r.kind]: recordOf(r) });
  const modules = [...json.program.modules]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((m) => ({ name: m.name, ...(m.file === undefined ? {} : { file: m.file }), sourceHash: m.source_hash }));
  return {
    identity: { main: json.program.main, modules, compiler: { version: json.compiler.version, opTableHash: json.compiler.op_table_hash, siteIdScheme: json.compiler.site_id_scheme } },
    runs: json.runs,
    ...(json.target === undefined ? {} : { target: json.target }),
    sites,
  };
}

/** Validate and read the text of a feedback file. */
export function readFeedback(text: string, opts: ValidateOptions = {}): ReadResult {
  const r = validateFeedbackText(text, opts);
  return r.json === undefined ? { diagnostics: r.diagnostics } : { profile: profileFromJson(r.json), diagnostics: r.diagnostics };
}

/** Read, validate and convert a feedback file (MOLT6012 when it cannot be read). */
export function readFeedbackFile(path: string, opts: Omit<ValidateOptions, 'file'> = {}): ReadResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      diagnostics: [{
        code: 'MOLT6012', severity: 'error', file: path,
        message: code === 'ENOENT' ? `the runtime profile '${path}' does not exist` : `the runtime profile '${path}' cannot be read (${code ?? (e as Error).message})`,
        hint: 'run a build made with --instrument with MOLT_RUNTIME_FEEDBACK=1 to write one',
      }],
    };
  }
  return readFeedback(text, { ...opts, file: path });
}

export interface BuildFeedbackInput {
  /** The program as the frontend produced it (before passes). */
  readonly program: Program;
  /** Source text of every module, by module name. */
  readonly sources: ReadonlyMap<string, string>;
  readonly compilerVersion: string;
}

/**
 * What `molt build --feedback FILE` calls. Returns the profile to give the
 * PassManager (`runtimeProfile`), or none: after errors (the file is bad) or
 * when it is stale (a MOLT6010 warning; the build goes on without it). Site
 * checks run only on a fresh profile, since a stale one is expected to differ.
 */
export function loadFeedbackForBuild(path: string, input: BuildFeedbackInput): ReadResult {
  const first = readFeedbackFile(path);
  if (first.profile === undefined) return first;
  const current = programIdentity(input.program, input.sources, input.compilerVersion);
  const stale = staleProfileDiagnostics(first.profile.identity, current, path);
  if (stale.length > 0) return { diagnostics: [...first.diagnostics, ...stale] };
  return readFeedbackFile(path, { sites: programSites(input.program) });
}
