// The tensor benchmark: one SGD step of a 784-128-10 network on a batch of 100 through the Tensor
// API, against the same step written by hand; and the matrix product's GFLOP/s.
import { backward, Matrix, rand, relu, seed, softmax_crossentropy, Tensor, zeros } from '../src/engine/index.ts'
import { handStep, type Net } from './tensor-baseline.ts'
import { timeMs, timePair, type Row } from './stats.ts'

const B = 100, IN = 784, H = 128, OUT = 10, LR = 0.1

function batch(): { x: Matrix; y: Matrix } {
  seed(7)
  const x = rand(B, IN)
  const y = new Matrix(B, OUT)
  for (let i = 0; i < B; i++) y.set(i, Math.floor(rand() * OUT), 1)
  return { x, y }
}

export function tensorBench(): Row[] {
  const { x, y } = batch()
  seed(1234)
  const weights1 = Tensor(rand(IN, H).mul(0.01)), biases1 = Tensor(zeros(H))
  const weights2 = Tensor(rand(H, OUT).mul(0.01)), biases2 = Tensor(zeros(OUT))
  const params = [weights1, biases1, weights2, biases2]
  const engineStep = () => {
    for (const p of params) p.grad.fill(0)
    const X = Tensor(x)
    const layer1 = relu(X.matmul(weights1).add(biases1))
    const layer2 = layer1.matmul(weights2).add(biases2)
    const loss = softmax_crossentropy(layer2, y)
    backward(loss)
    for (const p of params) p.data = p.data.sub(p.grad.mul(LR))
  }
  const net: Net = {
    w1: weights1.data.data.slice(), b1: biases1.data.data.slice(),
    w2: weights2.data.data.slice(), b2: biases2.data.data.slice(),
  }
  const handStepRun = () => { handStep(net, x.data, y.data, LR) }
  const [te, th] = timePair(engineStep, handStepRun, 25, 3)

  const gflops = (m: number, k: number, n: number) => {
    const a = rand(m, k), b = rand(k, n)
    const ms = timeMs(() => { a.matmul(b) }, 9, 2)
    return (2 * m * k * n) / (ms * 1e6)
  }
  const g1 = gflops(100, 784, 128), g2 = gflops(512, 512, 512)
  return [
    {
      name: 'tensor: one SGD step, 784-128-10, batch 100 (Tensor API vs hand-written)',
      value: `${te.toFixed(1)} ms`,
      baseline: `${th.toFixed(1)} ms`,
      ratio: `${((te / th - 1) * 100).toFixed(0)}% ${te > th ? 'slower' : 'faster'}`.replace('-', ''),
    },
    { name: 'matmul 100×784 · 784×128, JavaScript kernel', value: `${g1.toFixed(2)} GFLOP/s` },
    { name: 'matmul 512×512 · 512×512, JavaScript kernel', value: `${g2.toFixed(2)} GFLOP/s` },
  ]
}
