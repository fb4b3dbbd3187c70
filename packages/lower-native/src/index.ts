// index.ts — the public API of @molt/lower-native. Other packages import only
// from here; no llvm-bindings type appears in it.
export { nativeBackend, lowerToLlvmText } from './backend.js';
export { findNativeToolchain, runtimeLibPath, type ToolchainReport, type MissingTool, type ToolName } from './toolchain.js';
export { NativeDiag } from './diagnostics.js';
