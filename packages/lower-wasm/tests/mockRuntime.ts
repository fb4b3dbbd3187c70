// mockRuntime.ts — the part of a JavaScript stand-in for the runtime's
// imports that every unmerged-module test needs: the memory, a bump
// allocator and no-op start-up entry points. Tests add the entry points
// their programs call.

export interface WasmApi {
  Memory: new (d: { initial: number }) => { buffer: ArrayBuffer };
  instantiate(bytes: Uint8Array, imports: Record<string, Record<string, unknown>>): Promise<{ instance: { exports: Record<string, (...a: unknown[]) => unknown> } }>;
}
export const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** The word of a small int. */
export const smallInt = (v: bigint): bigint => BigInt.asIntN(64, (0xfff9n << 48n) | (v & ((1n << 48n) - 1n)));

/** Imports of module `molt_runtime` over a fresh memory of 8 pages (the argv stack alone takes 4); `startWord` is what the start-up calls return. */
export function mockRuntime(startWord: bigint, extra: Record<string, unknown> = {}): { memory: { buffer: ArrayBuffer }; runtime: Record<string, unknown> } {
  const memory = new WA.Memory({ initial: 8 });
  let heap = 1024;
  const runtime: Record<string, unknown> = {
    memory,
    molt_alloc: (n: number) => {
      const at = heap;
      heap += (n + 7) & ~7;
      return at;
    },
    molt_code_new: () => startWord,
    molt_module_register: () => startWord,
    molt_run_main: () => startWord,
    molt_str_from_utf8: () => startWord,
    molt_traceback_add: () => startWord,
    ...extra,
  };
  return { memory, runtime };
}
