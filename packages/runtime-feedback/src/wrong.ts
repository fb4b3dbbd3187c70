// wrong.ts — deliberately wrong runtime profiles, for testing that a profile
// can only cost speed, never change semantics (specs/runtime-feedback.md §6):
// `wrongProfile` claims, for every site of a program, confident observations
// chosen without running it: alternately `float,float` and `int,int` at
// binary operators, a call target that is another function of the module,
// one branch direction only, so that many claims are false and the
// profile-guided pass speculates on them. Used by `tools/conformance.mjs
// --feedback-mode wrong`. Neighbours: identity.ts, write.ts, @molt/ir profile.ts.

import { programSites, type ProfileIdentity, type Program, type RuntimeProfile, type SiteProfile } from '@molt/ir';

/** Executions claimed at every site: well above the pass's evidence threshold. */
const CLAIMED = 1000;

/** A profile of `program` (identity `identity`) whose claims are made up, many of them false. */
export function wrongProfile(program: Program, identity: ProfileIdentity): RuntimeProfile {
  const sites = new Map<string, SiteProfile>();
  const functionsOf = new Map(program.modules.map((m) => [m.name, m.functions.filter((f) => f.py !== undefined && !f.py.flags.module && !f.py.flags.resume)]));
  let n = 0;
  for (const s of programSites(program).values()) {
    const k = n++;
    const p: { -readonly [K in keyof SiteProfile]: SiteProfile[K] } = {};
    if (s.kinds.includes('types')) p.types = { kind: 'types', site: s.id, executions: CLAIMED, counts: { [k % 2 === 0 ? 'float,float' : 'int,int']: CLAIMED } };
    if (s.kinds.includes('calltargets')) {
      // Another function of the module: the (k mod n)-th one, whatever the call really reaches.
      const fns = functionsOf.get(s.module) ?? [];
      const f = fns[k % Math.max(1, fns.length)];
      const key = f === undefined ? 'builtin:print' : `${s.module}:${f.py!.qualname}`;
      p.calltargets = { kind: 'calltargets', site: s.id, executions: CLAIMED, counts: { [key]: CLAIMED } };
    }
    if (s.kinds.includes('branch')) {
      const taken = k % 2 === 0 ? CLAIMED : 0;
      p.branch = { kind: 'branch', site: s.id, executions: CLAIMED, taken, notTaken: CLAIMED - taken };
    }
    if (s.kinds.includes('loop')) p.loop = { kind: 'loop', site: s.id, executions: 1, trips: CLAIMED };
    if (Object.keys(p).length > 0) sites.set(s.id, p);
  }
  return { identity, runs: 1, sites };
}
