// write.ts — profiles back to feedback files: deterministic JSON (sites
// sorted by id, then kind; count keys sorted) and the atomic write protocol
// the runtime also follows: write a temporary file in the target's directory,
// then rename it over the target. Neighbours: read.ts (the inverse),
// merge.ts, schema.ts, specs/runtime-feedback.md §Writing.

import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SITE_KINDS, type CountMap, type ProfileIdentity, type RuntimeProfile, type SiteRecord, type Diagnostic } from '@molt/ir';
import { FEEDBACK_KIND, FEEDBACK_SCHEMA_VERSION, type FeedbackJson, type SiteJson } from './schema.js';

function sortedCounts(c: CountMap): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(c).sort()) out[k] = c[k]!;
  return out;
}

function siteJson(r: SiteRecord): SiteJson {
  const base = { site: r.site, executions: r.executions };
  switch (r.kind) {
    case 'guard': return { ...base, kind: 'guard', pass: r.pass, fail: r.fail };
    case 'types': case 'calltargets': case 'deopt': return { ...base, kind: r.kind, counts: sortedCounts(r.counts) };
    case 'branch': return { ...base, kind: 'branch', taken: r.taken, not_taken: r.notTaken };
    case 'loop': return { ...base, kind: 'loop', trips: r.trips };
    case 'alloc': return { ...base, kind: 'alloc' };
  }
}

/** A profile as the JSON of a feedback file. */
export function toFeedbackJson(profile: RuntimeProfile): FeedbackJson {
  const sites: SiteJson[] = [];
  for (const id of [...profile.sites.keys()].sort()) {
    const p = profile.sites.get(id)!;
    for (const k of SITE_KINDS) {
      const r = p[k];
      if (r !== undefined) sites.push(siteJson(r));
    }
  }
  const id = profile.identity;
  return {
    schema_version: FEEDBACK_SCHEMA_VERSION,
    kind: FEEDBACK_KIND,
    program: { main: id.main, modules: id.modules.map((m) => ({ name: m.name, ...(m.file === undefined ? {} : { file: m.file }), source_hash: m.sourceHash })) },
    compiler: { version: id.compiler.version, op_table_hash: id.compiler.opTableHash, site_id_scheme: id.compiler.siteIdScheme },
    ...(profile.target === undefined ? {} : { target: profile.target as 'native' | 'wasm' | 'mixed' }),
    runs: profile.runs,
    sites,
  };
}

/**
 * The identity JSON an instrumented build embeds (`{"program": …, "compiler": …}`,
 * as in the file): the runtime copies both objects into the file it writes.
 */
export function feedbackIdentityJson(identity: ProfileIdentity): string {
  const json = toFeedbackJson({ identity, runs: 1, sites: new Map() });
  return JSON.stringify({ program: json.program, compiler: json.compiler });
}

/** The text of a feedback file: deterministic, one site record per line. */
export function serializeFeedback(profile: RuntimeProfile): string {
  const json = toFeedbackJson(profile);
  const { sites, ...head } = json;
  const top = JSON.stringify(head, null, 2);
  const body = sites.length === 0 ? '[]' : `[\n${sites.map((s) => `    ${JSON.stringify(s)}`).join(',\n')}\n  ]`;
  return `${top.slice(0, -2)},\n  "sites": ${body}\n}\n`;
}

/**
 * Write `text` to `path` atomically: a temporary file in the same directory
 * (`.<name>.<pid>.tmp`), flushed, then renamed over `path`, so a reader sees
 * the old file or the new one, never a torn one. MOLT6013 when it fails.
 */
export function writeFileAtomic(path: string, text: string): Diagnostic[] {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, 'w', 0o644);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    return [];
  } catch (e) {
    rmSync(tmp, { force: true });
    return [{ code: 'MOLT6013', severity: 'error', file: path, message: `the runtime profile cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }];
  }
}

/** Serialise a profile and write it atomically. */
export function writeFeedbackFile(path: string, profile: RuntimeProfile): Diagnostic[] {
  return writeFileAtomic(path, serializeFeedback(profile));
}
