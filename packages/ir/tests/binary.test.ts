import { Packr } from 'msgpackr';
import { fromJson, opTableHash, printProgram, readBinary, toJson, writeBinary, BINARY_FORMAT_VERSION, type Program } from '../src/index.js';
import { sampleModule } from './helpers.js';

function program(): Program {
  return { modules: [sampleModule()], main: '__main__' };
}

describe('binary and JSON formats', () => {
  it('round-trips through msgpack with identical text', () => {
    const p = program();
    const bytes = writeBinary(p);
    expect([...bytes.slice(0, 8)]).toEqual([0x94, 0xa6, ...Buffer.from('MOLTIR')]);
    const r = readBinary(bytes);
    expect(r.diagnostics).toEqual([]);
    expect(printProgram(r.program!)).toBe(printProgram(p));
  });

  it('round-trips through JSON with identical text', () => {
    const p = program();
    const json = toJson(p);
    expect(json).toContain('"op": "const.str"');
    const r = fromJson(json);
    expect(r.diagnostics).toEqual([]);
    expect(printProgram(r.program!)).toBe(printProgram(p));
  });

  it('has a stable op-table hash', () => {
    expect(opTableHash()).toMatch(/^[0-9a-f]{16}$/);
    expect(opTableHash()).toBe(opTableHash());
  });

  it('reports a truncated file', () => {
    const bytes = writeBinary(program());
    const r = readBinary(bytes.slice(0, bytes.length - 10), 'x.moltirb');
    expect(r.program).toBeUndefined();
    expect(r.diagnostics[0]!.code).toBe('MOLT3201');
    expect(r.diagnostics[0]!.message).toMatch(/truncated/);
    expect(r.diagnostics[0]!.file).toBe('x.moltirb');
  });

  it('reports an empty file and a foreign file', () => {
    expect(readBinary(new Uint8Array()).diagnostics[0]!.code).toBe('MOLT3201');
    const r = readBinary(new TextEncoder().encode('print("hello")\n'));
    expect(r.diagnostics[0]!.code).toBe('MOLT3201');
    expect(readBinary(new Packr({ useRecords: false }).pack({ x: 1 })).diagnostics[0]!.message).toMatch(/magic/);
  });

  it('reports trailing garbage', () => {
    const bytes = writeBinary(program());
    const r = readBinary(Uint8Array.from([...bytes, 1, 2, 3]));
    expect(r.diagnostics[0]!.code).toBe('MOLT3201');
  });

  const packr = new Packr({ useRecords: false });
  it('reports a version mismatch', () => {
    const r = readBinary(packr.pack(['MOLTIR', BINARY_FORMAT_VERSION + 1, opTableHash(), {}]));
    expect(r.diagnostics[0]!.code).toBe('MOLT3202');
    expect(r.diagnostics[0]!.hint).toBeDefined();
  });

  it('reports an op-table mismatch', () => {
    const r = readBinary(packr.pack(['MOLTIR', BINARY_FORMAT_VERSION, '0000000000000000', {}]));
    expect(r.diagnostics[0]!.code).toBe('MOLT3203');
  });

  it('reports a payload that breaks the schema', () => {
    const r = readBinary(packr.pack(['MOLTIR', BINARY_FORMAT_VERSION, opTableHash(), { main: 1, modules: [] }]));
    expect(r.diagnostics[0]!.code).toBe('MOLT3204');
    expect(r.diagnostics[0]!.message).toMatch(/main/);
  });

  it('reports an unknown opcode and out-of-range ids', () => {
    const fn = (insts: unknown[]) => ({ main: 'm', modules: [{ name: 'm', file: 'm.py', isPackage: false, init: 0, functions: [{ id: 0, name: 'f', params: ['obj'], result: 'obj', values: ['obj'], blocks: [{ params: [0], insts }], layout: [0] }] }] });
    const bad1 = readBinary(packr.pack(['MOLTIR', BINARY_FORMAT_VERSION, opTableHash(), fn([{ op: 0x1f3, args: [7] }])]));
    expect(bad1.diagnostics[0]!.code).toBe('MOLT3205');
    expect(bad1.diagnostics[0]!.message).toMatch(/value 7 is out of range/);
    const bad2 = readBinary(packr.pack(['MOLTIR', BINARY_FORMAT_VERSION, opTableHash(), fn([{ op: 0x3, args: [], imms: ['x'], result: 0 }])]));
    expect(bad2.diagnostics[0]!.code).toBe('MOLT3205');
    const good = readBinary(packr.pack(['MOLTIR', BINARY_FORMAT_VERSION, opTableHash(), fn([{ op: 0x1f3, args: [0] }])]));
    expect(good.diagnostics).toEqual([]);
  });

  it('never throws on random corruption', () => {
    const bytes = writeBinary(program());
    let seed = 1;
    for (let i = 0; i < 300; i++) {
      const copy = Uint8Array.from(bytes);
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      copy[seed % copy.length] = seed & 0xff;
      expect(() => readBinary(copy)).not.toThrow();
    }
  });
});
