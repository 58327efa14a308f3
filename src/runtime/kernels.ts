// The engine's WebAssembly kernels, for the worker entry to install with the bytes it embeds, and
// its setting for Chromium's allocator (the worker may reach the engine only through the runtime).
export { installKernels, kernelPath, type KernelBinaries, type KernelPath } from '../engine/kernels/wasm.ts'
export { setFreshMemoryChurn } from '../engine/fresh.ts'
