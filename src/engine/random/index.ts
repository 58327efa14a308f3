// One seeded source of randomness, reset by seed(n), so a shared link shows the same numbers.
// Scalar rand() follows Julia 1.7+'s Xoshiro256++ (seed(1234) gives 0.32597672886359486, ...).
// Matrices follow Julia 1.6's MersenneTwister, the Julia that SimpleGrad's documentation ran on:
// only with it do the Usage chapter's Tensor outputs come out digit for digit. rand(r, c) fills
// column by column, as Julia does.
import { Matrix } from '../matrix.ts'
import { DSFMT, MIN_ARRAY_SIZE } from './dsfmt.ts'
import { Xoshiro } from './xoshiro.ts'

const DEFAULT_SEED = 1234

/** Julia's make_seed: the seed's 32-bit words, least significant first. */
function seedWords(n: number): Uint32Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`seed(n) expects a whole number ≥ 0, got ${n}`)
  const words = [n % 2 ** 32]
  let rest = Math.floor(n / 2 ** 32)
  while (rest > 0) {
    words.push(rest % 2 ** 32)
    rest = Math.floor(rest / 2 ** 32)
  }
  return Uint32Array.from(words)
}

const scalars = new Xoshiro(seedWords(DEFAULT_SEED))
const arrays = new DSFMT(seedWords(DEFAULT_SEED))

/** Reset the generators, as Julia's `Random.seed!(n)`. */
export function seed(n: number): void {
  const words = seedWords(n)
  scalars.reseed(words)
  arrays.reseed(words)
}

function shape(op: string, dims: number[]): [number, number, boolean] {
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0) throw new Error(`${op}: sizes must be whole numbers ≥ 0, got ${dims.join(', ')}`)
  }
  if (dims.length === 1) return [1, dims[0], true]
  if (dims.length === 2) return [dims[0], dims[1], false]
  throw new Error(`${op}: expected ${op}(n) or ${op}(rows, cols), got ${dims.length} sizes`)
}

function fillColumns(m: Matrix, next: () => number): Matrix {
  // writable, not data: the array stays the Matrix's own, so ops may lend it without a copy
  const d = m.writable
  for (let j = 0; j < m.cols; j++) for (let i = 0; i < m.rows; i++) d[i * m.cols + j] = next()
  return m
}

function sized(op: string, dims: number[]): Matrix {
  const [rows, cols, vector] = shape(op, dims)
  const m = new Matrix(rows, cols)
  m.vector = vector
  return m
}

/**
 * Julia 1.6's rand!(::MersenneTwister, ::Array{Float64}), in column-major order: up to 383
 * numbers come from the cached stream; larger arrays take all but their last 2 or 3 numbers
 * straight from the generator (dsfmt_fill_array), leaving the cache as it was.
 */
function juliaArray(length: number): Float64Array {
  const out = new Float64Array(length)
  const direct = Math.floor((length - 2) / 2) * 2
  let i = 0
  if (direct >= MIN_ARRAY_SIZE) {
    arrays.fillArray(out.subarray(0, direct))
    i = direct
  }
  for (; i < length; i++) out[i] = arrays.next()
  return out
}

/** rand(): a number in [0, 1); rand(n): a row of n; rand(r, c): an r x c Matrix. */
export function rand(): number
export function rand(n: number): Matrix
export function rand(rows: number, cols: number): Matrix
export function rand(...dims: number[]): number | Matrix {
  if (dims.length === 0) return scalars.nextFloat()
  const m = sized('rand', dims)
  const values = juliaArray(m.length)
  let k = 0
  return fillColumns(m, () => values[k++])
}

/** A standard normal number (Box–Muller on the array stream). */
function normal(): number {
  const u1 = arrays.next(), u2 = arrays.next()
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2)
}

/** randn(): a standard normal number; randn(n), randn(r, c) as rand. */
export function randn(): number
export function randn(n: number): Matrix
export function randn(rows: number, cols: number): Matrix
export function randn(...dims: number[]): number | Matrix {
  if (dims.length === 0) return normal()
  return fillColumns(sized('randn', dims), normal)
}

/** zeros(n): a (1, n) Matrix of zeros; zeros(r, c): an r x c one. */
export function zeros(...dims: number[]): Matrix {
  return sized('zeros', dims)
}

/** ones(n): a (1, n) Matrix of ones; ones(r, c): an r x c one. */
export function ones(...dims: number[]): Matrix {
  return sized('ones', dims).fill(1)
}
