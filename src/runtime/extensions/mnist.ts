// MNIST in snippets: `const { train, test } = await mnist.load()`. The worker asks the page for the
// two bundled assets (the sandbox reaches no network), keeps them as grey bytes (47 MB for the
// 60,000 training images instead of 376 MB of Float64) and makes Float64 Matrices on demand, a
// batch at a time.
import { Matrix } from '../../engine/index.ts'
import { decodeMnistAssetGrey } from '../../protocol/mnist-gunzip.ts'
import { GREY_TO_UNIT, type MnistGrey } from '../../protocol/mnist-format.ts'
import type { DataRequest, InvokeRequest } from '../../protocol/messages.ts'
import type { RuntimeServices } from '../runtime.ts'
import { register } from './register.ts'

const CLASSES = 10

/** One split of MNIST: images as rows of rows * cols pixels in [0, 1], and their labels 0-9. */
export class MnistData {
  /** the number of images */
  readonly count: number
  /** each image's height and width (28 x 28) */
  readonly rows: number
  readonly cols: number
  /** image i's digit, 0-9 */
  readonly labels: Uint8Array
  // truly private: a batch's values are written from it when first needed, so it must not change
  readonly #grey: Uint8Array

  constructor(set: Pick<MnistGrey, 'count' | 'rows' | 'cols' | 'labels' | 'grey'>, private readonly name: string) {
    this.count = set.count
    this.rows = set.rows
    this.cols = set.cols
    this.labels = set.labels
    this.#grey = set.grey
  }

  /** pixels per image (784) */
  get size(): number {
    return this.rows * this.cols
  }

  /**
   * Images start..end-1 as a Matrix with one image per row, (end - start) x 784, pixels in [0, 1].
   * Its values are written from the grey bytes when first needed: a training batch that only goes
   * into `X * weights1` is written straight into the product kernel's memory, with no 627 KB of
   * fresh Float64s per batch (in Chromium, first writes to fresh memory cost ten times reused).
   */
  images(start = 0, end = this.count): Matrix {
    this.check('images', start, end)
    const out = Matrix.lazy(end - start, this.size, { bytes: this.#grey.subarray(start * this.size, end * this.size), table: GREY_TO_UNIT })
    out.vector = false
    return out
  }

  /** Image i as a 1 x 784 row (imshow shows it as 28 x 28). */
  image(i: number): Matrix {
    this.check('image', i, i + 1)
    return this.images(i, i + 1)
  }

  /** Image i's digit. */
  label(i: number): number {
    this.check('label', i, i + 1)
    return this.labels[i]
  }

  /** The labels of images start..end-1, one-hot: (end - start) x 10, a 1 in each row's digit column. */
  onehot(start = 0, end = this.count): Matrix {
    this.check('onehot', start, end)
    const out = new Matrix(end - start, CLASSES)
    for (let i = start; i < end; i++) out.data[(i - start) * CLASSES + this.labels[i]] = 1
    out.vector = false
    return out
  }

  toString(): string {
    return `MNIST ${this.name}: ${this.count} images of ${this.rows} x ${this.cols}`
  }

  private check(what: string, start: unknown, end: unknown): void {
    const ok = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x)
    if (!ok(start) || !ok(end) || start < 0 || end > this.count || start >= end) {
      const range = what === 'images' || what === 'onehot' ? `${what}(${String(start)}, ${String(end)})` : `${what}(${String(start)})`
      throw new Error(`${this.name}.${range}: images are numbered 0 to ${this.count - 1}` + (what === 'images' || what === 'onehot' ? ', and start < end' : ''))
    }
  }
}

export interface Mnist {
  train: MnistData
  test: MnistData
}

/** What the page's answer decodes to; replaceable in tests. */
export type Decode = (bytes: ArrayBuffer) => Promise<MnistGrey>

export class MnistLoader {
  private data: Mnist | null = null
  private waiting: { resolve(m: Mnist): void; reject(e: Error): void; promise: Promise<Mnist> } | null = null

  constructor(private readonly services: Pick<RuntimeServices, 'send' | 'runId'>, private readonly decode: Decode = decodeMnistAssetGrey) {}

  /** The 60,000 training and 10,000 test images, fetched by the page on the first call, then kept. */
  load(): Promise<Mnist> {
    if (this.data) return Promise.resolve(this.data)
    if (this.waiting) return this.waiting.promise
    let resolve!: (m: Mnist) => void, reject!: (e: Error) => void
    const promise = new Promise<Mnist>((res, rej) => { resolve = res; reject = rej })
    this.waiting = { resolve, reject, promise }
    this.services.send({ type: 'need', runId: this.services.runId(), what: 'mnist' })
    return promise
  }

  deliver(m: DataRequest | InvokeRequest): void {
    if (m.type !== 'data' || m.what !== 'mnist' || !this.waiting) return
    const w = this.waiting
    const fail = (message: string) => {
      this.waiting = null
      w.reject(new Error(`mnist.load(): ${message}`))
    }
    if (m.error !== undefined || !m.train || !m.test) return fail(m.error ?? 'the page sent no data')
    Promise.all([this.decode(m.train), this.decode(m.test)]).then(([train, test]) => {
      this.data = { train: new MnistData(train, 'train'), test: new MnistData(test, 'test') }
      this.waiting = null
      w.resolve(this.data)
    }, (e: unknown) => fail(e instanceof Error ? e.message : String(e)))
  }
}

register((services) => {
  const loader = new MnistLoader(services)
  /** The MNIST digits bundled with the playground. */
  const mnist = {
    /**
     * `const { train, test } = await mnist.load()`: 60,000 training and 10,000 test images.
     * Each has `count`, `labels`, `images(start, end)` (a Matrix, one 784-pixel row per image),
     * `onehot(start, end)` (the labels as rows of 10), `image(i)` and `label(i)`.
     */
    load: () => loader.load(),
    toString: () => 'mnist: call `await mnist.load()` for { train, test }',
  }
  return { globals: { mnist }, deliver: (m) => loader.deliver(m) }
})
