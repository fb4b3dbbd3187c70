// profileHelpers.ts — builds a RuntimeProfile from readable `; profile:` directives in test IR:
//   ; profile: <function name> <line:col|?> <op> <ordinal> <kind> [executions=N] (key=count | field=N)...
// The site is looked up with functionSites, so fixtures never spell hashes.
import { functionSites, type Module, type RuntimeProfile, type SiteKind, type SiteProfile, type SiteRecord } from '../src/index.js';

const FIELDS = new Set(['executions', 'pass', 'fail', 'taken', 'notTaken', 'trips']);

export function profileFromDirectives(m: Module, text: string): RuntimeProfile {
  const sites = new Map<string, SiteProfile>();
  for (const match of text.matchAll(/^; profile: (.*)$/gm)) {
    const [fname, where, op, ordinal, kind, ...rest] = match[1]!.trim().split(/\s+/) as [string, string, string, string, SiteKind, ...string[]];
    const fn = m.functions.find((f) => f.name === fname);
    if (fn === undefined) throw new Error(`no function ${fname}`);
    const site = functionSites(m, fn).find((s) => (s.line === 0 ? '?' : `${s.line}:${s.col}`) === where && s.op === op && s.ordinal === Number(ordinal));
    if (site === undefined) throw new Error(`no site ${match[1]}`);
    const fields: Record<string, number> = {};
    const counts: Record<string, number> = {};
    for (const kv of rest) {
      const i = kv.lastIndexOf('=');
      const k = kv.slice(0, i);
      const n = Number(kv.slice(i + 1));
      if (FIELDS.has(k)) fields[k] = n;
      else counts[k] = n;
    }
    const sum = Object.values(counts).reduce((a, b) => a + b, 0);
    let rec: SiteRecord;
    switch (kind) {
      case 'types': case 'calltargets': case 'deopt': rec = { kind, site: site.id, executions: fields.executions ?? sum, counts }; break;
      case 'guard': rec = { kind, site: site.id, executions: fields.executions ?? fields.pass! + fields.fail!, pass: fields.pass!, fail: fields.fail! }; break;
      case 'branch': rec = { kind, site: site.id, executions: fields.executions ?? fields.taken! + fields.notTaken!, taken: fields.taken!, notTaken: fields.notTaken! }; break;
      case 'loop': rec = { kind, site: site.id, executions: fields.executions!, trips: fields.trips! }; break;
      case 'alloc': rec = { kind, site: site.id, executions: fields.executions! }; break;
    }
    sites.set(site.id, { ...sites.get(site.id), [kind]: rec });
  }
  return {
    identity: { main: m.name, modules: [{ name: m.name, file: m.file, sourceHash: '0000000000000000' }], compiler: { version: 'test', opTableHash: 'test', siteIdScheme: 1 } },
    runs: 1,
    sites,
  };
}
