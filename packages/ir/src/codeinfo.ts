// codeinfo.ts — the code info blob: the Python-level facts about a compiled
// function that backends embed and the runtime parses in `molt_code_new`
// (specs/runtime-abi.md §5). Neighbours: types.ts (PyCodeInfo).

import type { PyCodeInfo } from './types.js';

/** Encode a function's code info as UTF-8 JSON (stable key order). */
export function encodeCodeInfo(info: PyCodeInfo): Uint8Array {
  const flags: Record<string, boolean> = {};
  for (const k of ['generator', 'coroutine', 'asyncgen', 'module', 'resume'] as const) if (info.flags[k]) flags[k] = true;
  const text = JSON.stringify({
    name: info.name,
    qualname: info.qualname,
    filename: info.filename,
    firstLine: info.firstLine,
    params: info.params.map((p) => ({ name: p.name, kind: p.kind })),
    flags,
  });
  return new TextEncoder().encode(text);
}
