declare module 'virtual:sandbox-worker' {
  /** The sandbox worker's bundled source, started from a Blob inside the sandbox frame. */
  const source: string
  export default source
}

declare module 'virtual:wasm-kernels' {
  /** The WebAssembly kernels (assembly/gemm.ts), built with plain and with relaxed SIMD. */
  const kernels: { simd: Uint8Array<ArrayBuffer>; relaxed: Uint8Array<ArrayBuffer> }
  export default kernels
}
