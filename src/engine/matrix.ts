// Row-major Float64 storage for Tensors, and the arithmetic that SGD updates need
// (`w.data - w.grad * lr`). Products follow Julia: Matrix * Matrix is the matrix product.
import { describe, shapeMismatch, shapeText } from './errors.ts'
import { formatMatrix } from './format.ts'
import { product, runPlan, transposeArray, type ProductPlan } from './matmul-kernel.ts'
import { markFrozen, writeBytes, type Bytes, type Operand } from './kernels/wasm.ts'
import { freshCopy, freshValues } from './fresh.ts'

/** The storage of a Matrix whose values are still to be written (module-private: no caller has it). */
const LAZY = new Float64Array(0)

export type MatrixLike = number[] | number[][] | Matrix

export class Matrix {
  /** The number of rows. */
  readonly rows: number
  /** The number of columns. */
  readonly cols: number
  #values: Float64Array
  // Set by Matrix.lazy or Matrix.planned until the values are first needed.
  #bytes: Bytes | null = null
  #plan: ProductPlan | null = null
  // A deferred gradient term (ops/matmul.ts) may hold `values` as they are instead of a copy:
  // while lent, anything that may change them (data, writable, set, fill) first gives this Matrix
  // its own. Only an array nobody outside the engine holds can be lent: once `data` has handed it
  // out (or it came from outside), lend() copies.
  #lent = false
  #shared: boolean
  // All +0 for certain: made so, or filled with 0, and not handed out through `data` since.
  #zero: boolean
  /**
   * True for a row that stands for a Julia Vector (made from a 1-D array): it prints as
   * `[1.0, 2.0]`. A reduction over rows (the gradient of a broadcast bias) makes a 1 x n Julia
   * Matrix, which prints as `[1.0 2.0]`, as in the seed's `biases1.grad`.
   * @internal
   */
  vector: boolean

  constructor(rows: number, cols: number, data?: Float64Array | ArrayLike<number>) {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new Error(`Matrix: rows and cols must be whole numbers ≥ 0, got ${rows} and ${cols}`)
    }
    this.rows = rows
    this.cols = cols
    if (data === undefined) this.#values = freshValues(rows * cols)
    else if (data === LAZY) this.#values = LAZY
    else {
      if (data.length !== rows * cols) {
        throw new Error(`Matrix: a ${shapeText(rows, cols)} matrix needs ${rows * cols} numbers, got ${data.length}`)
      }
      this.#values = data instanceof Float64Array ? data : Float64Array.from(data)
    }
    this.#zero = data === undefined
    this.#shared = data instanceof Float64Array && data !== LAZY // adopted, not copied: its owner may write to it
    this.vector = rows === 1
  }

  /**
   * @internal A Matrix whose values are table[byte] for its rows * cols bytes, written when first
   * needed: MNIST's batches, which a product's kernel takes from their grey bytes into its own
   * memory (`source`) without a Float64Array of their own. Neither may change afterwards.
   */
  static lazy(rows: number, cols: number, src: Bytes): Matrix {
    // read once and checked: a snippet can reach this too, and its getters must not change them later
    const { bytes, table } = src
    if (!(bytes instanceof Uint8Array) || !(table instanceof Float64Array) || bytes.length !== rows * cols || table.length !== 256) {
      throw new Error(`Matrix.lazy: ${rows * cols} bytes (a Uint8Array) and a table of 256 (a Float64Array) needed`)
    }
    const m = new Matrix(rows, cols, LAZY)
    m.#bytes = { bytes, table }
    m.#zero = false
    return m
  }

  /**
   * @internal A Matrix whose values are a product (and maybe a bias and relu after it) computed
   * when first read: an add or relu that comes first folds itself into the plan instead (ops/).
   * The plan's operands must not change afterwards (lent or immutable).
   */
  static planned(plan: ProductPlan): Matrix {
    checkPlan(plan) // a snippet can reach this too: a plan that does not fit is refused here
    const m = new Matrix(plan.m, plan.n, LAZY)
    m.#plan = plan
    m.#zero = false
    m.vector = false
    return m
  }

  /** A Matrix on a new array that nobody else holds (so that ops may lend it without a copy). */
  private static own(rows: number, cols: number, values: Float64Array): Matrix {
    const m = new Matrix(rows, cols, LAZY)
    m.#values = values
    m.#zero = false
    return m
  }

  /**
   * @internal A Matrix on m's values, lent: the first write to either gives that one a copy. A
   * grad that is another's plus nothing (addition's backward, into a new grad) needs no array.
   */
  static borrowing(m: Matrix): Matrix {
    const b = new Matrix(m.rows, m.cols, LAZY)
    b.#values = m.lend()
    b.#lent = true
    b.#zero = false
    b.vector = m.vector
    return b
  }

  /**
   * @internal True when +0 + x is x, bit for bit, for every element: no -0 (which becomes +0) and
   * no NaN (whose payload an addition may change). Reads the high words only, as integers.
   */
  get unchangedByPlusZero(): boolean {
    const d = this.values
    const w = new Int32Array(d.buffer, d.byteOffset, d.length * 2)
    for (let i = 1; i < w.length; i += 2) {
      const hi = w[i]
      if ((hi & 0x7ff00000) === 0x7ff00000 || (hi === -0x80000000 && w[i - 1] === 0)) return false
    }
    return true
  }

  /** @internal The plan of a planned Matrix not read yet, else null. */
  get plan(): ProductPlan | null {
    return this.#plan
  }

  /**
   * @internal The elements, for the engine's reads (a read that changes nothing need not take
   * them back from a loan); everything that may write goes through `data`.
   */
  get values(): Float64Array {
    const bytes = this.#bytes
    if (bytes !== null) {
      this.#bytes = null
      this.#values = freshValues(this.rows * this.cols)
      writeBytes(bytes, this.#values, 0)
    }
    const plan = this.#plan
    if (plan !== null) {
      this.#plan = null
      this.#values = freshValues(this.rows * this.cols)
      runPlan(plan, this.#values)
    }
    return this.#values
  }

  /** @internal For a product's kernel: the values, or, where none are written yet, their bytes. */
  get source(): Operand {
    return this.#bytes ?? this.values
  }

  /** @internal `source` for a later read: the bytes (which never change), or the values lent. */
  lendSource(): Operand {
    return this.#bytes ?? this.lend()
  }

  /** The elements, row by row (row-major). */
  get data(): Float64Array {
    const d = this.writable
    this.#shared = true
    return d
  }

  /**
   * @internal The elements, for the engine to write into (an op filling the Matrix it made, a
   * backward adding to a grad) without handing them out: taken back from a loan first.
   */
  get writable(): Float64Array {
    const v = this.values
    if (this.#lent) {
      this.#values = freshCopy(v)
      this.#lent = false
    }
    this.#zero = false
    return this.#values
  }

  /**
   * @internal The elements for someone who will read them later and needs them as they are now:
   * no copy is made unless this Matrix is written to first, or its array may be held outside.
   */
  lend(): Float64Array {
    const v = this.#shared ? freshCopy(this.values) : this.values
    if (!this.#shared) this.#lent = true
    markFrozen(v) // nobody writes it again: the kernel may keep it in linear memory
    return v
  }

  /** @internal True when lend() would not copy: no one outside the engine may hold the array. */
  get lendable(): boolean {
    return !this.#shared
  }

  /** @internal True when every element is +0 for certain (without looking at them). */
  get knownZero(): boolean {
    return this.#zero
  }

  /** A Matrix from `number[]` (one row), `number[][]` (rows) or a Matrix (copied). */
  static from(a: MatrixLike, columnVector = false): Matrix {
    if (a instanceof Matrix) {
      const m = Matrix.own(a.rows, a.cols, freshCopy(a.values))
      m.vector = a.vector
      return m
    }
    if (!Array.isArray(a)) throw new Error(`expected number[], number[][] or a Matrix, got ${describe(a)}`)
    if (a.length === 0 || !Array.isArray(a[0])) {
      const row = a as unknown[]
      row.forEach((x, j) => {
        if (typeof x !== 'number') throw new Error(`expected numbers, but element ${j} is ${describe(x)}`)
      })
      return columnVector ? new Matrix(row.length, 1, row as number[]) : new Matrix(1, row.length, row as number[])
    }
    const rows = a as unknown[]
    const cols = (rows[0] as unknown[]).length
    const m = new Matrix(rows.length, cols), d = m.writable
    rows.forEach((r, i) => {
      if (!Array.isArray(r)) throw new Error(`expected rows of numbers, but row ${i} is ${describe(r)}`)
      if (r.length !== cols) throw new Error(`ragged rows: row 0 has ${cols} numbers but row ${i} has ${r.length}; every row needs the same length`)
      r.forEach((x, j) => {
        if (typeof x !== 'number') throw new Error(`expected numbers, but element [${i}][${j}] is ${describe(x)}`)
        d[i * cols + j] = x
      })
    })
    m.vector = false
    return m
  }

  /** `[rows, cols]`. */
  get shape(): [number, number] {
    return [this.rows, this.cols]
  }

  /** How many elements: rows × cols. */
  get length(): number {
    return this.rows * this.cols
  }

  /** The element at row `i`, column `j` (both 0-based). */
  get(i: number, j: number): number {
    this.check(i, j)
    return this.values[i * this.cols + j]
  }

  /** Sets the element at row `i`, column `j` (both 0-based) to `v`. */
  set(i: number, j: number, v: number): void {
    this.check(i, j)
    this.writable[i * this.cols + j] = v
  }

  private check(i: number, j: number): void {
    if (!(i >= 0 && i < this.rows && j >= 0 && j < this.cols && Number.isInteger(i) && Number.isInteger(j))) {
      throw new Error(`Matrix index (${i}, ${j}) is outside a ${shapeText(this.rows, this.cols)} matrix (indices start at 0)`)
    }
  }

  /** The rows as plain arrays: `[[a, b], [c, d]]`. */
  toArray(): number[][] {
    const out: number[][] = []
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.values.subarray(i * this.cols, (i + 1) * this.cols)))
    return out
  }

  /** A copy with its own storage. */
  clone(): Matrix {
    return Matrix.from(this)
  }

  /** Sets every element to `v`; returns this Matrix. */
  fill(v: number): this {
    this.writable.fill(v)
    this.#zero = v === 0 && !Object.is(v, -0)
    return this
  }

  /** A new Matrix with rows and columns swapped. */
  transpose(): Matrix {
    return Matrix.own(this.cols, this.rows, transposeArray(this.values, this.rows, this.cols))
  }

  /** Element-wise `+` (a number is added to every element). */
  add(o: Matrix | number): Matrix {
    return this.zip(o, 'add')
  }

  /** Element-wise `-` (a number is subtracted from every element). */
  sub(o: Matrix | number): Matrix {
    return this.zip(o, 'sub')
  }

  /** A number scales; a Matrix is the matrix product, as Julia's `*`. */
  mul(o: Matrix | number): Matrix {
    return typeof o === 'number' ? this.zip(o, 'mul') : this.matmul(o)
  }

  /** Element-wise `/` (every element divided by a number, or by the matching element). */
  div(o: Matrix | number): Matrix {
    return this.zip(o, 'div')
  }

  /** Every element negated. */
  neg(): Matrix {
    return this.zip(-1, 'mul')
  }

  /** Element-wise product of two Matrices of the same shape. */
  element_mul(o: Matrix): Matrix {
    return this.zip(o, 'mul')
  }

  /** The matrix product, `(r, k)` by `(k, c)` to `(r, c)`; other shapes are refused, naming both. */
  matmul(o: Matrix): Matrix {
    if (!(o instanceof Matrix)) throw new Error(`matmul: expected a Matrix, got ${describe(o)}`)
    if (this.cols !== o.rows) {
      throw shapeMismatch('matmul', this.shape, o.shape, `a (${this.rows}, ${this.cols}) matrix times a (${o.rows}, ${o.cols}) matrix needs ${this.cols} = ${o.rows}`)
    }
    const out = new Matrix(this.rows, o.cols)
    product(this.values, false, o.values, false, out.writable, this.rows, o.cols, this.cols, false)
    out.vector = false
    return out
  }

  /**
   * @internal `this - o * s` in one pass, the same numbers as `this.sub(o.mul(s))` (each product is
   * rounded before the subtraction): an SGD update makes one Matrix instead of two.
   */
  subScaled(o: Matrix, s: number): Matrix {
    if (!(o instanceof Matrix) || o.rows !== this.rows || o.cols !== this.cols) return this.sub(o.mul(s))
    const out = new Matrix(this.rows, this.cols)
    const a = this.values, b = o.values, c = out.writable, n = a.length
    // eight at a time: V8 (Node 20) ran MNIST's 100,352-element update in 0.125 ms so, 0.23 ms one by one
    let i = 0
    for (; i + 7 < n; i += 8) {
      c[i] = a[i] - b[i] * s; c[i + 1] = a[i + 1] - b[i + 1] * s
      c[i + 2] = a[i + 2] - b[i + 2] * s; c[i + 3] = a[i + 3] - b[i + 3] * s
      c[i + 4] = a[i + 4] - b[i + 4] * s; c[i + 5] = a[i + 5] - b[i + 5] * s
      c[i + 6] = a[i + 6] - b[i + 6] * s; c[i + 7] = a[i + 7] - b[i + 7] * s
    }
    for (; i < n; i++) c[i] = a[i] - b[i] * s
    out.vector = this.vector && o.vector
    return out
  }

  /** The sum of all elements. */
  sum(): number {
    let s = 0
    const d = this.values
    for (let i = 0; i < d.length; i++) s += d[i]
    return s
  }

  toString(): string {
    return formatMatrix(this.rows, this.cols, this.values, this.vector)
  }

  // One loop per operation (not a callback per element): SGD updates run these over whole layers.
  private zip(o: Matrix | number, op: 'add' | 'sub' | 'mul' | 'div'): Matrix {
    const out = new Matrix(this.rows, this.cols)
    const a = this.values, c = out.writable, n = a.length
    if (typeof o === 'number') {
      if (op === 'add') for (let i = 0; i < n; i++) c[i] = a[i] + o
      else if (op === 'sub') for (let i = 0; i < n; i++) c[i] = a[i] - o
      else if (op === 'mul') for (let i = 0; i < n; i++) c[i] = a[i] * o
      else for (let i = 0; i < n; i++) c[i] = a[i] / o
      out.vector = this.vector
      return out
    }
    if (!(o instanceof Matrix)) throw new Error(`${op}: expected a Matrix or a number, got ${describe(o)}`)
    if (o.rows !== this.rows || o.cols !== this.cols) {
      throw shapeMismatch(op === 'mul' ? 'element_mul' : op, this.shape, o.shape, 'element-wise operations need equal shapes')
    }
    const b = o.values
    if (op === 'add') for (let i = 0; i < n; i++) c[i] = a[i] + b[i]
    else if (op === 'sub') for (let i = 0; i < n; i++) c[i] = a[i] - b[i]
    else if (op === 'mul') for (let i = 0; i < n; i++) c[i] = a[i] * b[i]
    else for (let i = 0; i < n; i++) c[i] = a[i] / b[i]
    out.vector = this.vector && o.vector
    return out
  }
}

function checkPlan(p: ProductPlan): void {
  const whole = (x: unknown): x is number => Number.isInteger(x) && (x as number) > 0
  const { a, b, m, n, k, bias } = p
  const fits = whole(m) && whole(n) && whole(k) &&
    (a instanceof Float64Array ? a.length === m * k : a?.bytes instanceof Uint8Array && a.bytes.length === m * k && a.table instanceof Float64Array && a.table.length === 256) &&
    b instanceof Float64Array && b.length === k * n && (bias == null || (bias instanceof Float64Array && bias.length === n))
  if (!fits) throw new Error('Matrix.planned: a product plan whose operands do not fit its shape')
}
