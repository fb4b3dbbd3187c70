// passes/copyProp.ts — copy propagation over block parameters: a parameter
// whose incoming arguments are all one value (or the parameter itself, on
// back edges) is that value; its uses are rewritten and the parameter and
// its arguments removed. Repeats until nothing changes.
// Neighbours: passes/util.ts, cfg.ts.

import { buildCfg, edgeCall } from '../cfg.js';
import type { BlockId, ValueId } from '../types.js';
import type { Pass } from './manager.js';
import { removeBlockParam, replaceAllUses } from './util.js';

export const copyPropPass: Pass = {
  name: 'copy-prop',
  required: false,
  run: (fn) => {
    let changed = false;
    for (let round = 0; round < 100; round++) {
      let any = false;
      const cfg = buildCfg(fn);
      const entry = fn.layout[0];
      for (const b of cfg.rpo) {
        if (b === entry) continue;
        const block = fn.blocks[b]!;
        const preds = cfg.preds.get(b) ?? [];
        if (preds.length === 0) continue;
        for (let i = block.params.length - 1; i >= 0; i--) {
          const p = block.params[i]!;
          let same: ValueId | undefined;
          let trivial = true;
          for (const e of preds) {
            const a = edgeCall(fn, e)!.args[i]!;
            if (a === p || a === same) continue;
            if (same !== undefined) {
              trivial = false;
              break;
            }
            same = a;
          }
          if (!trivial || same === undefined) continue;
          if (fn.values[same]!.type !== fn.values[p]!.type) continue;
          removeBlockParam(fn, b as BlockId, i, preds);
          replaceAllUses(fn, p, same);
          any = true;
        }
      }
      if (!any) break;
      changed = true;
    }
    return changed;
  },
};
