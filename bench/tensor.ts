// The tensor benchmark: one SGD step of a 784-128-10 network on a batch of 100 through the Tensor
// API, against the same step written by hand; and the matrix product's GFLOP/s.
import { rand } from '../src/engine/index.ts'
import { batch, engineStep as stepOf, LR } from './mnist-step.ts'
import { handStep, type Net } from './tensor-baseline.ts'
import { timeMs, timePair, type Row } from './stats.ts'

export function tensorBench(): Row[] {
  const { x, y } = batch()
  const { step: engineStep, params: [weights1, biases1, weights2, biases2] } = stepOf(x, y)
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
