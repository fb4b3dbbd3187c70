// ir.ts — `molt ir`: print a program's IR after the frontend, or after a
// named pass of the profile's pipeline. Neighbours: pipeline.ts.

import type { Profile } from '@molt/ir';
import type { OptionSpec, Parsed } from '../args.js';
import type { Io } from '../io.js';
import { reportDiagnostics } from '../main.js';
import { compile, Timings } from '../pipeline.js';
import { cliError, hasErrors } from '../report.js';
import { loadIr } from '../toolchain.js';
import { one, PROFILE_OPTION, singleFile } from './build.js';

export const IR_OPTIONS: readonly OptionSpec[] = [
  { name: 'after', value: true, help: 'print the IR after this pass of the pipeline (default: straight from the frontend)' },
  { ...PROFILE_OPTION, help: 'the pipeline whose passes --after names (default: release)' },
  { name: 'format', value: true, choices: ['text', 'json'], help: 'text (.moltir, default) or json' },
];

export async function irCommand(p: Parsed, io: Io): Promise<number> {
  const file = singleFile(p, io, 'ir');
  if (typeof file === 'number') return file;
  const c = await compile(file, new Timings());
  reportDiagnostics(io, c.diagnostics);
  if (c.program === undefined || hasErrors(c.diagnostics)) return 1;
  const ir = await loadIr();
  const after = one(p, 'after');
  if (after !== undefined) {
    const profile = (one(p, 'profile') ?? 'release') as Profile;
    const names = ir.pipelineFor(profile).map((pass) => pass.name);
    if (!names.includes(after)) {
      reportDiagnostics(io, [cliError('MOLT5006', `there is no pass '${after}' in the ${profile} pipeline`, `passes: ${names.join(', ')}`)]);
      return 2;
    }
    const pipeline = ir.pipelineFor(profile);
    const upTo = pipeline.slice(0, pipeline.map((pass) => pass.name).lastIndexOf(after) + 1);
    const r = new ir.PassManager({ profile, pipeline: upTo, verifyEach: true }).runProgram(c.program);
    reportDiagnostics(io, r.diagnostics);
    if (hasErrors(r.diagnostics)) return 1;
  }
  io.stdout(one(p, 'format') === 'json' ? ir.toJson(c.program) + '\n' : ir.printProgram(c.program));
  return 0;
}
