// The WebAssembly matrix product (assembly/gemm.ts), once installed: relaxed SIMD where the engine
// that runs us validates it, plain SIMD otherwise, and nothing (the JavaScript kernels) where
// neither instantiates. The bytes come from outside the engine (the worker embeds them; Node reads
// the built files), so the engine itself stays free of build output.
//
// Operands are copied into one linear memory that is reused between calls and grows only when a
// product needs more; a Float64Array cannot live in it for good, as growing detaches old views.

export type KernelPath = 'relaxed-simd' | 'simd' | 'js'

/** A module's bytes (the DOM's BufferSource, named here so that no DOM types are needed). */
export type WasmBytes = ArrayBuffer | Uint8Array<ArrayBuffer>

export interface KernelBinaries {
  /** assembly/gemm.ts built with --enable simd */
  simd?: WasmBytes
  /** the same built with --enable relaxed-simd as well */
  relaxed?: WasmBytes
}

// The little of the WebAssembly API used here, typed by hand: the engine is compiled (for the
// editor's declarations too) with ES2022's library alone, which has no WebAssembly namespace.
interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
interface WasmApi {
  validate(bytes: WasmBytes): boolean
  Memory: new (d: { initial: number }) => WasmMemory
  Module: new (bytes: WasmBytes) => object
  Instance: new (m: object, imports: object) => { exports: Record<string, unknown> }
}
const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly

type GemmExport = (a: number, ars: number, acs: number, b: number, brs: number, bcs: number, c: number,
  m: number, n: number, k: number, accumulate: number, pa: number, pb: number) => void

const PAGE = 65536
const BASE = PAGE // the module has no data, but leave its first page alone
let memory: WasmMemory | null = null
let heap = new Float64Array(0)
let gemmExport: GemmExport | null = null
let path: KernelPath = 'js'

/** Which kernels run the large products: `relaxed-simd`, `simd` or `js`. */
export function kernelPath(): KernelPath {
  return path
}

interface Loaded { memory: WasmMemory; gemm: GemmExport }
/** Instances by their bytes, so that switching paths (tests, the bench) costs nothing. */
const loaded = new WeakMap<object, Loaded>()

function instantiate(bytes: WasmBytes): boolean {
  let l = loaded.get(bytes)
  if (!l) {
    if (WA === undefined || !WA.validate(bytes)) return false
    try {
      const mem = new WA.Memory({ initial: 2 })
      const inst = new WA.Instance(new WA.Module(bytes), { env: { memory: mem, abort: () => { throw new Error('wasm kernel abort') } } })
      l = { memory: mem, gemm: inst.exports.gemm as GemmExport }
      loaded.set(bytes, l)
    } catch {
      return false // a CSP without 'wasm-unsafe-eval' refuses to compile: the JavaScript kernels stay
    }
  }
  memory = l.memory
  heap = new Float64Array(l.memory.buffer)
  gemmExport = l.gemm
  return true
}

/**
 * Installs the best kernels that this JavaScript engine accepts, or, with `only`, exactly that
 * path (tests pin each one). Returns the path now in use.
 */
export function installKernels(bins: KernelBinaries, only?: KernelPath): KernelPath {
  memory = null
  gemmExport = null
  heap = new Float64Array(0)
  path = 'js'
  const order: KernelPath[] = only ? [only] : ['relaxed-simd', 'simd']
  for (const p of order) {
    const bytes = p === 'relaxed-simd' ? bins.relaxed : p === 'simd' ? bins.simd : undefined
    if (bytes && instantiate(bytes)) {
      path = p
      break
    }
  }
  return path
}

/** Byte offset of room for `bytes` more after `at`, growing the memory when needed. */
function ensure(end: number): void {
  const need = Math.ceil(end / PAGE) - memory!.buffer.byteLength / PAGE
  if (need > 0) {
    memory!.grow(need)
    heap = new Float64Array(memory!.buffer)
  }
}

/**
 * Rows of room that assembly/gemm.ts's packed panel of `rows` rows (or columns) needs: it pads A's
 * rows to its tile's 4 or 6 and B's columns to 4, so `rows + 5` is enough for every build.
 */
export const panelRows = (rows: number): number => rows + 5

/**
 * c (m x n) = or += op(a) · op(b) in WebAssembly, or false when no kernel is installed. `ta`: a is
 * stored k x m (op(a) is its transpose); `tb`: b is stored n x k.
 */
export function wasmProduct(a: Float64Array, ta: boolean, b: Float64Array, tb: boolean, c: Float64Array,
  m: number, n: number, k: number, accumulate: boolean): boolean {
  if (gemmExport === null) return false
  // element offsets: A, B, C, then the two packed panels
  const oa = BASE / 8, ob = oa + m * k, oc = ob + k * n, opa = oc + m * n, opb = opa + panelRows(m) * k
  ensure((opb + panelRows(n) * k) * 8)
  heap.set(a, oa)
  heap.set(b, ob)
  if (accumulate) heap.set(c, oc)
  gemmExport(oa * 8, ta ? 1 : k, ta ? m : 1, ob * 8, tb ? 1 : n, tb ? k : 1, oc * 8, m, n, k, accumulate ? 1 : 0, opa * 8, opb * 8)
  c.set(heap.subarray(oc, oc + m * n))
  return true
}
