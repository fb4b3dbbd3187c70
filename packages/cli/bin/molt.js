#!/usr/bin/env node
// The `molt` command. All logic lives in @molt/cli's main(); this file only wires the process.
// Node's "WASI is experimental" warning is not the program's output: keep stderr clean.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
  if (type === 'ExperimentalWarning' && String(warning).includes('WASI')) return;
  emitWarning(warning, ...rest);
};
const { main, processIo } = await import('../dist/index.js');
process.exitCode = await main(process.argv.slice(2), processIo());
