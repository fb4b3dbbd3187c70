// diff.ts — a unified diff of two texts by lines (LCS), for `molt compare`.

export function unifiedDiff(a: string, b: string, aName: string, bName: string, context = 3): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  // LCS table (programs' outputs are small; cap to keep memory bounded).
  if (n * m > 25_000_000) return `--- ${aName}\n+++ ${bName}\n(outputs too large to diff: ${n} and ${m} lines)\n`;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  type Op = { t: ' ' | '-' | '+'; s: string; i: number; j: number };
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) ops.push({ t: ' ', s: x[i]!, i: i++, j: j++ });
    else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) ops.push({ t: '+', s: y[j]!, i, j: j++ });
    else ops.push({ t: '-', s: x[i]!, i: i++, j });
  }
  let out = `--- ${aName}\n+++ ${bName}\n`;
  let k = 0;
  while (k < ops.length) {
    if (ops[k]!.t === ' ') {
      k++;
      continue;
    }
    const start = Math.max(0, k - context);
    let end = k;
    while (end < ops.length) {
      if (ops[end]!.t !== ' ') {
        end++;
        continue;
      }
      let run = 0;
      while (end + run < ops.length && ops[end + run]!.t === ' ') run++;
      if (end + run >= ops.length || run > 2 * context) {
        end = Math.min(ops.length, end + context);
        break;
      }
      end += run;
    }
    const hunk = ops.slice(start, end);
    const a0 = hunk[0]!.i + 1;
    const b0 = hunk[0]!.j + 1;
    out += `@@ -${a0},${hunk.filter((o) => o.t !== '+').length} +${b0},${hunk.filter((o) => o.t !== '-').length} @@\n`;
    for (const o of hunk) out += `${o.t}${o.s}\n`;
    k = end;
  }
  return out;
}
