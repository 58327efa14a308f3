// The engine's WebAssembly kernels, for the worker entry to install with the bytes it embeds
// (the worker may reach the engine only through the runtime).
export { installKernels, kernelPath, type KernelBinaries, type KernelPath } from '../engine/kernels/wasm.ts'
