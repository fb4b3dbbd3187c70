// args.ts — command-line parsing: a small declarative parser so every
// command reports unknown options and missing values the same way
// (MOLT5001, exit status 2). Neighbours: main.ts.

export interface OptionSpec {
  readonly name: string;
  readonly short?: string;
  /** Takes a value (`--target wasm`, `--target=wasm`). */
  readonly value?: boolean;
  /** Allowed values. */
  readonly choices?: readonly string[];
  /** May repeat (values collected in order). */
  readonly repeat?: boolean;
  readonly help: string;
}

export interface Parsed {
  readonly positionals: string[];
  readonly options: Map<string, string[]>;
  /** Everything after `--`. */
  readonly rest: string[];
}

export type ParseResult = { ok: true; parsed: Parsed } | { ok: false; message: string };

/**
 * Parse options and positionals. With `argsAfter` = n, a plain word after
 * the n-th positional starts the program's arguments (`rest`), as `--` does:
 * `molt run app.py 8 -v` passes `8 -v` to app.py; options of molt itself
 * may still follow the file (`molt run app.py --target wasm -- -v`).
 */
export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[], argsAfter?: number): ParseResult {
  const positionals: string[] = [];
  const options = new Map<string, string[]>();
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short !== undefined).map((s) => [s.short!, s]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return { ok: true, parsed: { positionals, options, rest: argv.slice(i + 1) } };
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      inline = eq < 0 ? undefined : a.slice(eq + 1);
      spec = byName.get(name);
      if (spec === undefined) return { ok: false, message: `unknown option '--${name}'` };
    } else if (a.startsWith('-') && a.length > 1) {
      spec = byShort.get(a.slice(1));
      if (spec === undefined) return { ok: false, message: `unknown option '${a}'` };
    } else {
      // Past the file, the first plain word starts the program's arguments.
      if (argsAfter !== undefined && positionals.length === argsAfter) return { ok: true, parsed: { positionals, options, rest: argv.slice(i) } };
      positionals.push(a);
      continue;
    }
    let value = 'true';
    if (spec.value === true) {
      if (inline !== undefined) value = inline;
      else {
        const next = argv[i + 1];
        if (next === undefined) return { ok: false, message: `option '--${spec.name}' needs a value` };
        value = next;
        i++;
      }
      if (spec.choices !== undefined && !spec.choices.includes(value)) {
        return { ok: false, message: `option '--${spec.name}' must be one of ${spec.choices.map((c) => `'${c}'`).join(', ')}, not '${value}'` };
      }
    } else if (inline !== undefined) {
      return { ok: false, message: `option '--${spec.name}' takes no value` };
    }
    const list = options.get(spec.name) ?? [];
    if (!spec.repeat && list.length > 0) list.length = 0;
    list.push(value);
    options.set(spec.name, list);
  }
  return { ok: true, parsed: { positionals, options, rest: [] } };
}

export function optionHelp(specs: readonly OptionSpec[]): string {
  const rows = specs.map((s) => {
    const flag = `${s.short === undefined ? '    ' : `-${s.short}, `}--${s.name}${s.value === true ? (s.choices ? ` <${s.choices.join('|')}>` : ' <value>') : ''}`;
    return [flag, s.help] as const;
  });
  const w = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([f, h]) => `  ${f.padEnd(w)}  ${h}`).join('\n');
}
