// index.ts — the public API of @molt/lower-wasm: Molt IR → one standalone
// WASI preview1 module (program module merged with the runtime wasm), plus
// a small node:wasi loader. No binaryen type appears here, and importing
// this file does not load binaryen (the compiling entry points load it on
// first use), so running a built module stays cheap.
export { wasmBackend, createWasmBackend, lowerToWat, lowerToWasm, type WasmBackendConfig, type LoweredWasm, type OptLevel } from './backend.js';
export { findWasmToolchain, runtimeWasmPath, type WasmToolchain } from './toolchain.js';
export { runWasi, runWasiCaptured, instantiateMolt, type WasiOptions, type WasiRun, type CapturedRun, type MoltInstance, type WasmInstance } from './wasi.js';
export type { LowerOptions } from './module.js';
export { WasmDiag } from './diagnostics.js';
