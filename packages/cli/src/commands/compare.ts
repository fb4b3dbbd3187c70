// compare.ts — `molt compare`: run the program compiled by Molt and under
// CPython 3.12, diff stdout and compare exit statuses; exit 0 only when both
// match. Neighbours: oracle.ts, diff.ts, run.ts.

import type { Profile } from '@molt/ir';
import type { OptionSpec, Parsed } from '../args.js';
import { unifiedDiff } from '../diff.js';
import type { Io } from '../io.js';
import { describeOracle, findOracle, runOracle } from '../oracle.js';
import { Timings } from '../pipeline.js';
import type { Target } from '../toolchain.js';
import { one, PROFILE_OPTION, singleFile, TARGET_OPTION } from './build.js';
import { execute, prepare } from './run.js';

export const COMPARE_OPTIONS: readonly OptionSpec[] = [
  TARGET_OPTION,
  { ...PROFILE_OPTION, help: PROFILE_OPTION.help + ' (default: dev)' },
  { name: 'python', value: true, help: 'the CPython 3.12 to compare with (default: found automatically, else Pyodide)' },
];

export async function compareCommand(p: Parsed, io: Io): Promise<number> {
  const file = singleFile(p, io, 'compare');
  if (typeof file === 'number') return file;
  const target = (one(p, 'target') ?? 'native') as Target;
  const profile = (one(p, 'profile') ?? 'dev') as Profile;
  const prep = await prepare(file, target, profile, io, new Timings());
  if (typeof prep === 'number') return prep;
  const oracle = findOracle(io.env, one(p, 'python'));
  // Both programs get the same standard input (read once: they run side by side).
  const input = io.readStdin();
  const [mine, ref] = await Promise.all([execute(prep, file, p.rest, io, true, input), runOracle(oracle, file, p.rest, io, input)]);
  if (ref.status === -1) {
    io.stderr(`molt: could not run CPython '${describeOracle(oracle)}': ${ref.error ?? 'unknown error'}\n  hint: pass --python /path/to/python3.12\n`);
    return 1;
  }
  const same = mine.stdout === ref.stdout && mine.status === ref.status;
  if (mine.stdout !== ref.stdout) io.stderr(unifiedDiff(ref.stdout, mine.stdout, `cpython (${describeOracle(oracle)})`, `molt (${target})`));
  io.stderr(`exit status: cpython ${ref.status}, molt ${mine.status}${mine.status === ref.status ? '' : '  <- differs'}\n`);
  io.stderr(same ? 'molt compare: outputs match\n' : 'molt compare: outputs differ\n');
  return same ? 0 : 1;
}
