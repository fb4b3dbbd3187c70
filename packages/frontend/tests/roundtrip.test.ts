// roundtrip.test.ts — the IR formats hold for real programs: for every
// conformance program and benchmark, print(parse(print(p))) == print(p),
// and the msgpack artifact reads back to the same program, both straight
// from the frontend and after the release pass pipeline.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PassManager, parseProgram, printProgram, readBinary, writeBinary, type Program } from '@molt/ir';
import { compileProgram } from '@molt/frontend';

const shared = process.env.MOLT_SHARED_DIR ?? path.resolve(fileURLToPath(import.meta.url), '../../../../../shared');

function programs(): string[] {
  const conf = path.join(shared, 'conformance');
  const list = fs.readFileSync(path.join(conf, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter((l) => l.trim() !== '').map((l) => path.join(conf, l.split('\t')[0]!));
  const bench = path.join(shared, 'bench', 'python');
  return [...list, ...fs.readdirSync(bench).filter((f) => f.endsWith('.py')).sort().map((f) => path.join(bench, f))];
}

function roundTrips(p: Program): string[] {
  const bad: string[] = [];
  const text = printProgram(p);
  const parsed = parseProgram(text);
  if (parsed.value === undefined) bad.push(`text does not parse: ${parsed.diagnostics[0]?.message}`);
  else if (printProgram(parsed.value) !== text) bad.push('text round trip differs');
  const bin = readBinary(writeBinary(p));
  if (bin.program === undefined) bad.push(`binary does not read: ${bin.diagnostics[0]?.message}`);
  else if (printProgram(bin.program) !== text) bad.push('binary round trip differs');
  return bad;
}

describe('IR round trips on the whole corpus', () => {
  it('holds for every conformance program and benchmark, before and after the release passes', () => {
    const failures: string[] = [];
    const files = programs();
    expect(files.length).toBeGreaterThan(190);
    for (const file of files) {
      const r = compileProgram(file);
      if (r.program === undefined) {
        failures.push(`${file}: does not compile`);
        continue;
      }
      for (const f of roundTrips(r.program)) failures.push(`${file} (frontend): ${f}`);
      new PassManager({ profile: 'release' }).runProgram(r.program);
      for (const f of roundTrips(r.program)) failures.push(`${file} (release passes): ${f}`);
    }
    expect(failures).toEqual([]);
  });
});
