// cargo-crates.cjs — local nx plugin: each runtime-*/Cargo.toml is an nx project named after its crate,
// tagged `lang:rust`, so `nx release` versions the Rust runtimes alongside the npm packages.
// Neighbours: cargo.cjs (TOML helpers), cargo-version-actions.cjs (used by the `runtimes` release group).
'use strict';
const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { readPackageField } = require('./cargo.cjs');

const createNodes = [
  'runtime-*/Cargo.toml',
  (files, options, context) =>
    files.flatMap((file) => {
      const toml = readFileSync(join(context.workspaceRoot, file), 'utf8');
      const name = readPackageField(toml, 'name');
      if (!name) return [];
      const root = dirname(file);
      const wasm = root.includes('wasm');
      const env = wasm ? 'RUSTC=/usr/bin/rustc ' : '';
      const cargo = wasm ? '/usr/bin/cargo' : 'cargo';
      const target = wasm ? ' --target wasm32-wasi' : '';
      return [
        [
          file,
          {
            projects: {
              [root]: {
                root,
                name,
                projectType: 'library',
                tags: ['lang:rust'],
                targets: {
                  'cargo-build': {
                    command: `${env}${cargo} build --release --locked${target}`,
                    options: { cwd: root },
                    cache: false,
                  },
                },
              },
            },
          },
        ],
      ];
    }),
];

module.exports = { createNodes, name: 'molt-cargo-crates' };
