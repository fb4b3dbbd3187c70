// check.ts — the two file-level operations the CLI exposes:
// `molt feedback check FILE` (`checkFeedbackFile`) and
// `molt feedback merge OUT FILE...` (`mergeFeedbackFiles`).
// Neighbours: read.ts, merge.ts, write.ts; @molt/cli formats the diagnostics.

import { SITE_KINDS, type Diagnostic, type RuntimeProfile, type SiteKind } from '@molt/ir';
import { mergeProfiles } from './merge.js';
import { loadFeedbackForBuild, readFeedbackFile, type BuildFeedbackInput } from './read.js';
import { writeFeedbackFile } from './write.js';

export interface CheckResult {
  readonly ok: boolean;
  readonly diagnostics: Diagnostic[];
  /** One line for people, when the file is valid: runs, modules, records by kind. */
  readonly summary?: string;
  readonly profile?: RuntimeProfile;
}

/** Records per kind. */
export function profileStats(profile: RuntimeProfile): Record<SiteKind, number> {
  const out = Object.fromEntries(SITE_KINDS.map((k) => [k, 0])) as Record<SiteKind, number>;
  for (const p of profile.sites.values()) for (const k of SITE_KINDS) if (p[k] !== undefined) out[k]++;
  return out;
}

export function summarizeProfile(profile: RuntimeProfile): string {
  const stats = profileStats(profile);
  const kinds = SITE_KINDS.filter((k) => stats[k] > 0).map((k) => `${stats[k]} ${k}`).join(', ');
  const id = profile.identity;
  return `${profile.runs} run${profile.runs === 1 ? '' : 's'} of '${id.main}' (${id.modules.length} module${id.modules.length === 1 ? '' : 's'}, molt ${id.compiler.version}${profile.target === undefined ? '' : `, ${profile.target}`}): ${profile.sites.size} sites${kinds === '' ? '' : ` (${kinds})`}`;
}

/**
 * Validate a feedback file. With `against` (the program's frontend IR and
 * sources) it also checks staleness (MOLT6010 warning) and site ids.
 */
export function checkFeedbackFile(path: string, against?: BuildFeedbackInput): CheckResult {
  const r = against === undefined ? readFeedbackFile(path) : loadFeedbackForBuild(path, against);
  const ok = !r.diagnostics.some((d) => d.severity === 'error');
  if (r.profile === undefined) {
    // A stale profile is valid on its own: summarise what was read.
    const plain = against === undefined || !ok ? undefined : readFeedbackFile(path).profile;
    return { ok, diagnostics: r.diagnostics, ...(plain === undefined ? {} : { summary: summarizeProfile(plain) }) };
  }
  return { ok, diagnostics: r.diagnostics, summary: summarizeProfile(r.profile), profile: r.profile };
}

/** Merge feedback files into `out` (written atomically; `out` may be one of the inputs). */
export function mergeFeedbackFiles(out: string, inputs: readonly string[]): CheckResult {
  const profiles: RuntimeProfile[] = [];
  const diags: Diagnostic[] = [];
  for (const f of inputs) {
    const r = readFeedbackFile(f);
    diags.push(...r.diagnostics);
    if (r.profile !== undefined) profiles.push(r.profile);
  }
  if (diags.some((d) => d.severity === 'error')) return { ok: false, diagnostics: diags };
  const m = mergeProfiles(profiles, inputs);
  if (m.profile === undefined) return { ok: false, diagnostics: [...diags, ...m.diagnostics] };
  const w = writeFeedbackFile(out, m.profile);
  return { ok: w.length === 0, diagnostics: [...diags, ...w], summary: summarizeProfile(m.profile), profile: m.profile };
}
