// identity.ts — what a profile was recorded from: the program's modules with
// the hash of each source text, and the compiler (version, op-table hash,
// site-id scheme). Merging needs equal identities; a build ignores a profile
// whose identity differs from the program's (a stale profile, MOLT6010).
// Neighbours: read.ts, merge.ts, @molt/ir profile.ts (sourceHash, site ids).

import { SITE_ID_SCHEME, opTableHash, sourceHash, type Diagnostic, type ProfileIdentity, type Program } from '@molt/ir';

/**
 * The identity of `program` as compiled now: `sources` maps each module name
 * to its source text (the CLI has read them); `compilerVersion` is the
 * version of the molt that builds it.
 */
export function programIdentity(program: Program, sources: ReadonlyMap<string, string>, compilerVersion: string): ProfileIdentity {
  const modules = [...program.modules]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((m) => ({ name: m.name, file: m.file, sourceHash: sourceHash(sources.get(m.name) ?? '') }));
  return { main: program.main, modules, compiler: { version: compilerVersion, opTableHash: opTableHash(), siteIdScheme: SITE_ID_SCHEME } };
}

/** Why two identities differ (empty when they are the same program built by the same compiler). File names do not count. */
export function identityDifferences(a: ProfileIdentity, b: ProfileIdentity): string[] {
  const out: string[] = [];
  if (a.main !== b.main) out.push(`the main module is '${a.main}', not '${b.main}'`);
  const bm = new Map(b.modules.map((m) => [m.name, m.sourceHash]));
  const am = new Map(a.modules.map((m) => [m.name, m.sourceHash]));
  for (const [name, h] of am) {
    const other = bm.get(name);
    if (other === undefined) out.push(`module '${name}' is not in the other program`);
    else if (other !== h) out.push(`module '${name}' has changed (source hash ${h}, now ${other})`);
  }
  for (const name of bm.keys()) if (!am.has(name)) out.push(`module '${name}' is new`);
  if (a.compiler.opTableHash !== b.compiler.opTableHash || a.compiler.siteIdScheme !== b.compiler.siteIdScheme || a.compiler.version !== b.compiler.version) {
    out.push(`it was built by molt ${a.compiler.version} (op table ${a.compiler.opTableHash}, site ids v${a.compiler.siteIdScheme}), not molt ${b.compiler.version} (op table ${b.compiler.opTableHash}, site ids v${b.compiler.siteIdScheme})`);
  }
  return out;
}

/** MOLT6010 warnings when a profile does not belong to the program being built (empty when it does). */
export function staleProfileDiagnostics(recorded: ProfileIdentity, current: ProfileIdentity, file?: string): Diagnostic[] {
  const diffs = identityDifferences(recorded, current);
  if (diffs.length === 0) return [];
  return [{
    code: 'MOLT6010', severity: 'warning', ...(file === undefined ? {} : { file }),
    message: `the runtime profile is stale and is ignored: ${diffs[0]}${diffs.length > 1 ? ` (and ${diffs.length - 1} more differences)` : ''}`,
    hint: 'rebuild with --instrument and run the program again to record a fresh profile',
    related: diffs.slice(1).map((message) => ({ message })),
  }];
}
