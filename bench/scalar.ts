// The scalar benchmark: the linear-regression tutorial's work (80 points, about 560 Values per
// iteration, backward, SGD update), our engine against the straightforward baseline.
import { backward, rand, randn, seed, setBackwardObserver, Value, type ValueNode } from '../src/engine/index.ts'
import { BackwardRecorder } from '../src/runtime/snapshot.ts'
import { topoBackwardUntraced } from '../src/engine/backward.ts'
import { BValue } from './scalar-baseline.ts'
import { median, type Row } from './stats.ts'

const LR = 0.000002

function data(): { heights: number[]; skills: number[] } {
  seed(1234)
  const heights: number[] = [], skills: number[] = []
  for (let i = 0; i < 79; i++) {
    const h = 40 + Math.floor(rand() * 51)
    heights.push(h)
    skills.push(2 * h + 10 + randn() * 7)
  }
  heights.push(72)
  skills.push(75)
  return { heights, skills }
}

function engineRun(iters: number, plain = false): number {
  const { heights, skills } = data()
  const hs = heights.map((h) => Value(h)), ss = skills.map((s) => Value(s))
  const m = Value(0), b = Value(0)
  const t0 = performance.now()
  for (let it = 0; it < iters; it++) {
    m.grad = 0
    b.grad = 0
    let loss: ValueNode = Value(0)
    for (let i = 0; i < hs.length; i++) {
      const pred = hs[i].mul(m).add(b)
      loss = loss.add(pred.sub(ss[i]).pow(2))
    }
    if (plain) topoBackwardUntraced(loss)
    else backward(loss)
    m.data -= m.grad * LR
    b.data -= b.grad * LR
  }
  return performance.now() - t0
}

function baselineRun(iters: number): number {
  const { heights, skills } = data()
  const hs = heights.map((h) => new BValue(h)), ss = skills.map((s) => new BValue(s))
  const m = new BValue(0), b = new BValue(0)
  const t0 = performance.now()
  for (let it = 0; it < iters; it++) {
    m.grad = 0
    b.grad = 0
    let loss = new BValue(0)
    for (let i = 0; i < hs.length; i++) {
      const pred = hs[i].mul(m).add(b)
      loss = loss.add(pred.sub(ss[i]).pow(2))
    }
    loss.backward()
    m.data -= m.grad * LR
    b.data -= b.grad * LR
  }
  return performance.now() - t0
}

/** The loop with the playground's graph recorder watching every backward, as in the sandbox. */
function recordedRun(iters: number): number {
  const rec = new BackwardRecorder()
  setBackwardObserver(rec.observe)
  try {
    const ms = engineRun(iters)
    const t0 = performance.now()
    rec.build() // the snapshot sent at the end of the cell
    return ms + (performance.now() - t0)
  } finally {
    setBackwardObserver(null)
  }
}

export function scalarBench(): Row[] {
  const iters = 20000, rounds = 7
  engineRun(2000); baselineRun(2000); engineRun(2000, true); recordedRun(2000)
  const eng: number[] = [], base: number[] = [], plain: number[] = [], rec: number[] = []
  for (let r = 0; r < rounds; r++) {
    eng.push(engineRun(iters))
    base.push(baselineRun(iters))
    plain.push(engineRun(iters, true))
    rec.push(recordedRun(iters))
  }
  const ips = (ms: number) => (iters / ms) * 1000
  const e = ips(median(eng)), bl = ips(median(base)), p = ips(median(plain)), rc = ips(median(rec))
  return [
    {
      name: 'scalar: linear-regression iterations/s (engine vs straightforward engine)',
      value: `${Math.round(e).toLocaleString('en')} it/s`,
      baseline: `${Math.round(bl).toLocaleString('en')} it/s`,
      ratio: `${(e / bl).toFixed(2)}× faster`,
    },
    {
      name: 'scalar: backward() with tracing off vs the untraced loop alone',
      value: `${Math.round(e).toLocaleString('en')} it/s`,
      baseline: `${Math.round(p).toLocaleString('en')} it/s`,
      ratio: `${(((p - e) / p) * 100).toFixed(1)}% cost`,
    },
    {
      name: 'scalar: graph snapshots recorded at every backward vs none',
      value: `${Math.round(rc).toLocaleString('en')} it/s`,
      baseline: `${Math.round(e).toLocaleString('en')} it/s`,
      ratio: `${(((e - rc) / e) * 100).toFixed(1)}% cost`,
    },
  ]
}
