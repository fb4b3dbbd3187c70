// constants.ts — the program's heap constants (str, bytes, big ints,
// complex): one private global word each, deduplicated, filled once by
// `molt_main` (specs/runtime-abi.md §6 step 1) and read by compiled code.
// Neighbours: lower.ts asks for globals while lowering function bodies and
// calls `emitInit` when it writes `molt_main`.

import { requireOp } from '@molt/ir';
import { boxFloat } from './abi.js';
import { constI64, linkage, llvm, privateBytes, type LBuilder, type LContext, type LGlobal, type LModule, type LValue } from './llvm.js';
import type { RuntimeDecls } from './runtime.js';

type ConstKind = 'str' | 'bytes' | 'bigint' | 'complex';

interface ConstEntry {
  readonly kind: ConstKind;
  readonly global: LGlobal;
  readonly bytes: Uint8Array;
  readonly imag: number;
}

/** UTF-8, except that lone surrogates are kept (WTF-8) so no str constant is altered. */
export function encodeWtf8(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

export class ConstantPool {
  private readonly byKey = new Map<string, ConstEntry>();
  private readonly entries: ConstEntry[] = [];

  constructor(private readonly ctx: LContext, private readonly mod: LModule, private readonly b: LBuilder) {}

  str(value: string): LGlobal {
    return this.get('str', 's:' + value, encodeWtf8(value), 0);
  }

  bytes(value: Uint8Array): LGlobal {
    return this.get('bytes', 'b:' + Array.from(value).join(','), value, 0);
  }

  bigint(value: bigint): LGlobal {
    return this.get('bigint', 'i:' + value.toString(), new TextEncoder().encode(value.toString()), 0);
  }

  complex(imag: number): LGlobal {
    this.str('complex'); // created before the complex constants that need it
    return this.get('complex', 'c:' + boxFloat(imag).toString(), new Uint8Array(), imag);
  }

  get size(): number {
    return this.entries.length;
  }

  private get(kind: ConstKind, key: string, bytes: Uint8Array, imag: number): LGlobal {
    const known = this.byKey.get(key);
    if (known !== undefined) return known.global;
    const i64 = llvm.Type.getInt64Ty(this.ctx);
    const global = new llvm.GlobalVariable(this.mod, i64, false, linkage.internal, llvm.ConstantInt.get(i64, 0, false), `molt.const.${this.entries.length}`);
    const entry: ConstEntry = { kind, global, bytes, imag };
    this.byKey.set(key, entry);
    this.entries.push(entry);
    return global;
  }

  /**
   * Create every constant, in creation order, storing each into its global.
   * `check` receives each runtime result and branches away on ERR.
   */
  emitInit(rt: RuntimeDecls, check: (word: LValue) => void): void {
    const b = this.b;
    let argv: LValue | undefined;
    let complexType: LValue | undefined;
    this.entries.forEach((e, i) => {
      let word: LValue;
      if (e.kind === 'complex') {
        if (complexType === undefined) {
          const name = b.CreateLoad(rt.i64, this.str('complex'));
          complexType = b.CreateCall(rt.generic(requireOp('builtin')), [name], 'complex.type');
          check(complexType);
        }
        if (argv === undefined) argv = b.CreateAlloca(llvm.ArrayType.get(rt.i64, 2), null, 'argv');
        const p0 = b.CreateBitCast(argv, rt.i64p);
        const p1 = b.CreateInBoundsGEP(rt.i64, p0, [llvm.ConstantInt.get(rt.i64, 1, false)]);
        b.CreateStore(constI64(b, boxFloat(0)), p0);
        b.CreateStore(constI64(b, boxFloat(e.imag)), p1);
        word = b.CreateCall(rt.generic(requireOp('call')), [complexType, p0, llvm.ConstantInt.get(rt.i64, 2, false)], `const.${i}`);
      } else {
        const ptr = privateBytes(this.mod, this.ctx, b, `molt.const.${i}.data`, e.bytes);
        const fn = e.kind === 'str' ? rt.strFromUtf8() : e.kind === 'bytes' ? rt.bytesFrom() : rt.intFromStr();
        word = b.CreateCall(fn, [ptr, llvm.ConstantInt.get(rt.i64, e.bytes.length, false)], `const.${i}`);
      }
      check(word);
      b.CreateStore(word, e.global);
    });
  }
}
