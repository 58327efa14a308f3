// Types of build-wasm.mjs for the TypeScript build scripts that call it.
export const OUT: string
export const SOURCES: string[]
export function outFile(name: string, flavour: 'simd' | 'relaxed' | string): string
export function buildWasm(ifMissing?: boolean): void
