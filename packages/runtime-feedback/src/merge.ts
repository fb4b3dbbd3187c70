// merge.ts — merging the profiles of several runs of one program: every count
// is summed (so merging is associative and commutative, and merging N
// single-run files equals one N-run profile); `runs` adds up. Profiles of
// different programs or compilers are refused (MOLT6011).
// Neighbours: identity.ts (what must agree), read.ts, write.ts.

import { SITE_KINDS, type CountMap, type Diagnostic, type RuntimeProfile, type SiteKind, type SiteProfile, type SiteRecord } from '@molt/ir';
import { identityDifferences } from './identity.js';

function addCounts(a: CountMap, b: CountMap): Record<string, number> {
  const out: Record<string, number> = { ...a };
  for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) + n;
  return out;
}

/** The sum of two records of the same site and kind. */
export function mergeRecords(a: SiteRecord, b: SiteRecord): SiteRecord {
  const executions = a.executions + b.executions;
  switch (a.kind) {
    case 'guard': { const o = b as typeof a; return { ...a, executions, pass: a.pass + o.pass, fail: a.fail + o.fail }; }
    case 'types': case 'calltargets': case 'deopt': { const o = b as typeof a; return { ...a, executions, counts: addCounts(a.counts, o.counts) }; }
    case 'branch': { const o = b as typeof a; return { ...a, executions, taken: a.taken + o.taken, notTaken: a.notTaken + o.notTaken }; }
    case 'loop': { const o = b as typeof a; return { ...a, executions, trips: a.trips + o.trips }; }
    case 'alloc': return { ...a, executions };
  }
}

export interface MergeResult {
  readonly profile?: RuntimeProfile;
  readonly diagnostics: Diagnostic[];
}

/** Merge profiles of the same program (at least one). `files` names them in diagnostics. */
export function mergeProfiles(profiles: readonly RuntimeProfile[], files: readonly string[] = []): MergeResult {
  if (profiles.length === 0) return { diagnostics: [{ code: 'MOLT6011', severity: 'error', message: 'there are no runtime profiles to merge' }] };
  const first = profiles[0]!;
  const diags: Diagnostic[] = [];
  profiles.forEach((p, i) => {
    if (i === 0) return;
    const diffs = identityDifferences(first.identity, p.identity);
    if (diffs.length > 0) {
      diags.push({
        code: 'MOLT6011', severity: 'error', ...(files[i] === undefined ? {} : { file: files[i] }),
        message: `the runtime profile${files[i] === undefined ? ` #${i + 1}` : ''} is of another program or compiler than ${files[0] === undefined ? 'the first' : `'${files[0]}'`}: ${diffs[0]}`,
        hint: 'merge only profiles recorded from the same build',
      });
    }
  });
  if (diags.length > 0) return { diagnostics: diags };
  const sites = new Map<string, SiteProfile>();
  for (const p of profiles) {
    for (const [id, sp] of p.sites) {
      const cur: Partial<Record<SiteKind, SiteRecord>> = { ...sites.get(id) };
      for (const k of SITE_KINDS) {
        const r = sp[k];
        if (r === undefined) continue;
        const have = cur[k];
        cur[k] = have === undefined ? r : mergeRecords(have, r);
      }
      sites.set(id, cur as SiteProfile);
    }
  }
  const targets = new Set(profiles.map((p) => p.target));
  const target = targets.size === 1 ? first.target : 'mixed';
  return {
    profile: { identity: first.identity, runs: profiles.reduce((s, p) => s + p.runs, 0), ...(target === undefined ? {} : { target }), sites },
    diagnostics: [],
  };
}
