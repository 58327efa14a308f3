// The WebAssembly matrix product (assembly/gemm.ts), once installed: relaxed SIMD where the engine
// that runs us validates it, plain SIMD otherwise, and nothing (the JavaScript kernels) where
// neither instantiates. The bytes come from outside the engine (the worker embeds them; Node reads
// the built files), so the engine itself stays free of build output.
//
// Operands are copied into one linear memory that is reused between calls and grows only when a
// product needs more; a Float64Array cannot live in it for good, as growing detaches old views.

export type KernelPath = 'relaxed-simd' | 'simd' | 'js'

/** Elements given as bytes, each standing for table[byte] (MNIST's grey levels: g / 255). */
export interface Bytes { bytes: Uint8Array; table: Float64Array }
/** A product's operand: its elements, row-major, or bytes that stand for them (a Matrix whose
 *  values are not written yet: the kernel reads the bytes in its own memory, see wasmProduct). */
export type Operand = Float64Array | Bytes

/** Writes the elements that `x`'s bytes stand for at dst[at]: the one place (besides unpackBytes
 *  in assembly/gemm.ts, which reads the same table) where they are made. */
export function writeBytes(x: Bytes, dst: Float64Array, at: number): void {
  const { bytes, table } = x
  for (let i = 0; i < bytes.length; i++) dst[at + i] = table[bytes[i]]
}

/**
 * What a planned product (matmul-kernel.ts) asks for on the way out, in this order: a (1, n) row
 * added to every row (`biasFirst`: as bias + product, the order the snippet wrote); `plusZero`:
 * +0 + x (a grad that the product is added into new); relu; `mask`: relu's backward into a new
 * grad, mask[i] > 0 ? x + 0 : +0, mask being relu's input (or its output: the same signs).
 */
export interface Epilogue {
  readonly bias?: Float64Array | null
  readonly biasFirst?: boolean
  readonly plusZero?: boolean
  readonly relu?: boolean
  readonly mask?: Float64Array | null
}

/**
 * dst (m x n) = src's m x n elements from src[at], with the epilogue's arithmetic done as the ops
 * do it (see Epilogue). src may be dst.
 */
export function writeOut(src: Float64Array, at: number, dst: Float64Array, m: number, n: number, ep: Epilogue): void {
  const bias = ep.bias ?? null, first = ep.biasFirst === true, zero = ep.plusZero === true, relu = ep.relu === true
  const mask = ep.mask ?? null, len = m * n
  // the forms the ops ask for, each a loop of its own (a test per element in the general loop
  // made the epilogue cost as much as the copy); writeOutEach is the definition
  if (bias === null && !relu) {
    if (!zero && mask === null) return dst.set(src.subarray(at, at + len))
    if (zero && mask === null) {
      for (let i = 0; i < len; i++) dst[i] = src[at + i] + 0
      return
    }
    if (zero && mask !== null) {
      for (let i = 0; i < len; i++) dst[i] = mask[i] > 0 ? src[at + i] + 0 : 0 // (x + 0) + 0 is x + 0
      return
    }
  } else if (bias !== null && !first && !zero && mask === null) {
    for (let i = 0; i < m; i++) {
      const s = at + i * n, d = i * n
      if (relu) {
        for (let j = 0; j < n; j++) {
          const x = src[s + j] + bias[j]
          dst[d + j] = x > 0 ? x : x !== x ? x : 0
        }
      } else for (let j = 0; j < n; j++) dst[d + j] = src[s + j] + bias[j]
    }
    return
  }
  writeOutEach(src, at, dst, m, n, ep)
}

/** writeOut's definition, one element at a time: every form, in Epilogue's order. */
export function writeOutEach(src: Float64Array, at: number, dst: Float64Array, m: number, n: number, ep: Epilogue): void {
  const bias = ep.bias ?? null, first = ep.biasFirst === true, zero = ep.plusZero === true, relu = ep.relu === true
  const mask = ep.mask ?? null
  for (let i = 0; i < m; i++) {
    const s = at + i * n, d = i * n
    for (let j = 0; j < n; j++) {
      let x = src[s + j]
      if (bias !== null) x = first ? bias[j] + x : x + bias[j]
      if (zero) x = x + 0
      if (relu) x = x > 0 ? x : x !== x ? x : 0
      if (mask !== null) x = mask[d + j] > 0 ? x + 0 : 0
      dst[d + j] = x
    }
  }
}

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

type UnpackExport = (src: number, n: number, table: number, dst: number) => void
type GemmExport = (a: number, ars: number, acs: number, b: number, brs: number, bcs: number, c: number,
  m: number, n: number, k: number, accumulate: number, pa: number, pb: number, skipZeros: number) => void
type GemmBytesExport = (src: number, table: number, a: number, ars: number, acs: number, b: number, brs: number, bcs: number, c: number,
  m: number, n: number, k: number, accumulate: number, pa: number, pb: number) => void
type EpilogueExport = (c: number, m: number, n: number, bias: number, first: number, plusZero: number, relu: number, mask: number) => void

const PAGE = 65536
const BASE = PAGE // the module has no data, but leave its first page alone
let memory: WasmMemory | null = null
let heap = new Float64Array(0)
let gemmExport: GemmExport | null = null
let unpackExport: UnpackExport | null = null
let gemmBytesExport: GemmBytesExport | null = null
let epilogueExport: EpilogueExport | null = null
let path: KernelPath = 'js'

/** Which kernels run the large products: `relaxed-simd`, `simd` or `js`. */
export function kernelPath(): KernelPath {
  return path
}

interface Loaded { memory: WasmMemory; gemm: GemmExport; unpack: UnpackExport; gemmBytes: GemmBytesExport; epilogue: EpilogueExport }
/** Instances by their bytes, so that switching paths (tests, the bench) costs nothing. */
const loaded = new WeakMap<object, Loaded>()

function instantiate(bytes: WasmBytes): boolean {
  let l = loaded.get(bytes)
  if (!l) {
    if (WA === undefined || !WA.validate(bytes)) return false
    try {
      const mem = new WA.Memory({ initial: 2 })
      const inst = new WA.Instance(new WA.Module(bytes), { env: { memory: mem, abort: () => { throw new Error('wasm kernel abort') } } })
      const e = inst.exports
      l = { memory: mem, gemm: e.gemm as GemmExport, unpack: e.unpackBytes as UnpackExport, gemmBytes: e.gemmBytes as GemmBytesExport, epilogue: e.epilogue as EpilogueExport }
      loaded.set(bytes, l)
    } catch {
      return false // a CSP without 'wasm-unsafe-eval' refuses to compile: the JavaScript kernels stay
    }
  }
  memory = l.memory
  heap = new Float64Array(l.memory.buffer)
  kept = null // each instance has its own memory
  keptAt = 0
  gemmExport = l.gemm
  unpackExport = l.unpack
  gemmBytesExport = l.gemmBytes
  epilogueExport = l.epilogue
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

// Arrays that never change again: a Matrix lends only an array that it copies before any write
// of its own (Matrix.lend), and borrowers only read. One of them, a large A, stays in linear
// memory between products: a batch X is read forward (X·W1) and backward (Xᵀ·G) with other
// products between, and is copied in once instead of twice.
const frozen = new WeakSet<Float64Array>()
/** @internal Says that `a` will never be written again (Matrix.lend). */
export function markFrozen(a: Float64Array): void {
  frozen.add(a)
}
/** Operands of at least this many elements (256 KiB) are kept: a batch, not the activations. */
const KEEP_MIN = 32768
let kept: Float64Array | null = null
let keptAt = 0 // its element offset, above the room of every product since it was put there

/** Makes room up to `top` (elements) for a product: a kept operand in the way is dropped, and
 *  the next is kept above. */
function roomTo(top: number): void {
  if (top > keptAt) {
    keptAt = top
    kept = null
  }
}

/** The element offset of frozen `a` in linear memory, put at keptAt when it is not there yet. */
function keep(a: Float64Array): number {
  if (kept !== a) {
    ensure((keptAt + a.length) * 8)
    heap.set(a, keptAt)
    kept = a
  }
  return keptAt
}

/** Byte offset of room for `bytes` more after `at`, growing the memory when needed. */
function ensure(end: number): void {
  const need = Math.ceil(end / PAGE) - memory!.buffer.byteLength / PAGE
  if (need > 0) {
    memory!.grow(need)
    heap = new Float64Array(memory!.buffer)
  }
}

/** Puts bytes and their table at heap[spare] (the table, then the bytes); returns their byte offsets. */
function putBytes(x: Bytes, spare: number): { table: number; bytes: number } {
  const table = spare * 8, bytes = (spare + 256) * 8
  ensure(bytes + x.bytes.length)
  heap.set(x.table, spare)
  new Uint8Array(memory!.buffer).set(x.bytes, bytes)
  return { table, bytes }
}

/** Whether a byte is nonzero exactly where the value it stands for is (assembly/bytes.ts lists a
 *  product's terms from the bytes then): table[0] is ±0 and no other entry is (a NaN is not). */
export function zeroOnlyAtZero(table: Float64Array): boolean {
  if (table[0] !== 0) return false
  for (let g = 1; g < table.length; g++) if (table[g] === 0) return false
  return true
}

/** Puts an operand's elements at heap[at]; bytes go first to `spare` (an element offset past
 *  everything else) with their table, and are made into Float64s there by the module. */
function put(x: Operand, at: number, spare: number): void {
  if (x instanceof Float64Array) return heap.set(x, at)
  const p = putBytes(x, spare)
  unpackExport!(p.bytes, x.bytes.length, p.table, at * 8)
}

/**
 * Room (in f64s) for assembly/gemm.ts's packed tiles of op(A) (m x k): ceil(m / R) tiles of R * k
 * values (at most m + 5 rows for R = 4 or 6), then each tile's count and k indices as i32s.
 */
export const tileRoom = (m: number, k: number): number => (m + 5) * k + Math.ceil(((m + 3) / 4) * (k + 1) / 2) + 1
/** Room (in f64s) for its packed panel of op(B): n columns padded to a multiple of 4, k deep. */
export const panelRoom = (n: number, k: number): number => (n + 3) * k

/**
 * c (m x n) = or += op(a) · op(b) in WebAssembly, or false when no kernel is installed. `ta`: a is
 * stored k x m (op(a) is its transpose); `tb`: b is stored n x k. The kernel leaves out terms
 * whose factor from a is zero, which changes no bit of the result (assembly/gemm.ts: packA in
 * tiles, or row by row in assembly/rows.ts where a is under 30% nonzero); `skipZeros = false`
 * computes them all, for the tests that show it. An operand given as bytes (a lazy Matrix) is
 * read in linear memory: a's nonzero terms are listed from its bytes (assembly/bytes.ts) where
 * zeroOnlyAtZero holds and zeros are skipped; otherwise, and for b, the bytes are made into
 * Float64s there first. `ep` (not with `accumulate`): see Epilogue.
 */
export function wasmProduct(a: Operand, ta: boolean, b: Operand, tb: boolean, c: Float64Array,
  m: number, n: number, k: number, accumulate: boolean, skipZeros = true, cZero = false, ep: Epilogue | null = null): boolean {
  if (gemmExport === null) return false
  // element offsets: A, B, C, then the two packed panels
  const oa = BASE / 8, ob = oa + m * k, oc = ob + k * n, opa = oc + m * n, opb = opa + tileRoom(m, k)
  const end = opb + panelRoom(n, k)
  ensure(end * 8)
  // a's bytes are listed where they lie when they can be (gemmBytes): b goes first, since bytes
  // of its own would be unpacked through the same spare room
  const fromBytes = !(a instanceof Float64Array) && skipZeros && zeroOnlyAtZero(a.table)
  // with the room past `end` that an operand's bytes (a table, then a byte per element) and the
  // epilogue (bias and mask) take
  roomTo(end + 256 + Math.ceil((m * k + k * n) / 8) + m * n + n)
  put(b, ob, end)
  const at = a instanceof Float64Array && a.length >= KEEP_MIN && frozen.has(a) ? keep(a) : oa
  if (!fromBytes && at === oa) put(a, oa, end)
  // onto a grad known to be all +0, the kernel adds to +0 of its own instead of reading zeros
  if (accumulate && !cZero) heap.set(c, oc)
  const ars = ta ? 1 : k, acs = ta ? m : 1, brs = tb ? 1 : n, bcs = tb ? k : 1, acc = !accumulate ? 0 : cZero ? 2 : 1
  if (fromBytes) {
    const p = putBytes(a as Bytes, end)
    gemmBytesExport!(p.bytes, p.table, oa * 8, ars, acs, ob * 8, brs, bcs, oc * 8, m, n, k, acc, opa * 8, opb * 8)
  } else gemmExport(at * 8, ars, acs, ob * 8, brs, bcs, oc * 8, m, n, k, acc, opa * 8, opb * 8, skipZeros ? 1 : 0)
  if (ep !== null) epilogueHere(oc, m, n, end, ep)
  c.set(heap.subarray(oc, oc + m * n))
  return true
}

/** writeOut in linear memory (the tests hold it to writeOutEach), or false with no kernel installed. */
export function writeOutWasm(src: Float64Array, at: number, dst: Float64Array, m: number, n: number, ep: Epilogue): boolean {
  if (epilogueExport === null) return false
  kept = null // its room is not counted in keptAt
  const oc = BASE / 8
  ensure((oc + m * n) * 8)
  heap.set(src.subarray(at, at + m * n), oc)
  epilogueHere(oc, m, n, oc + m * n, ep)
  dst.set(heap.subarray(oc, oc + m * n))
  return true
}

/** Does the epilogue on C at heap[oc] in linear memory (assembly/epilogue.ts: writeOutEach's
 *  arithmetic, without a branch per element), its bias and mask copied to heap[spare]. */
function epilogueHere(oc: number, m: number, n: number, spare: number, ep: Epilogue): void {
  const bias = ep.bias ?? null, mask = ep.mask ?? null
  const relu = ep.relu === true, zero = ep.plusZero === true
  if (bias === null && mask === null && !relu && !zero) return
  const ob = spare, om = spare + (bias === null ? 0 : n)
  ensure((om + (mask === null ? 0 : m * n)) * 8)
  if (bias !== null) heap.set(bias, ob)
  if (mask !== null) heap.set(mask, om)
  epilogueExport!(oc * 8, m, n, bias === null ? 0 : ob * 8, ep.biasFirst === true ? 1 : 0, zero ? 1 : 0, relu ? 1 : 0, mask === null ? 0 : om * 8)
}
