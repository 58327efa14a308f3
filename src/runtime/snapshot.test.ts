import { afterEach, describe, expect, it } from 'vitest'
import { backward, setBackwardObserver, softmax_crossentropy, relu, sum, Tensor, tanh, Value, zeros, type ValueNode } from '../engine/index.ts'
import { SNAPSHOT_MAX_NUMBERS } from '../protocol/schema-graph.ts'
import { parseWorkerMessage } from '../protocol/schema.ts'
import { BackwardRecorder, drawSnapshot, fitSnapshot, tensorValues } from './snapshot.ts'
import type { GraphSnapshot, NodeValue } from '../protocol/messages.ts'

afterEach(() => setBackwardObserver(null))

function neuron() {
  const x1 = Value(2.3), w1 = Value(-0.8), x2 = Value(-3.5), w2 = Value(1.8), b = Value(-3.2)
  for (const [v, l] of [[x1, 'x1'], [w1, 'w1'], [x2, 'x2'], [w2, 'w2'], [b, 'b']] as const) v.label = l
  const y = tanh(x1.mul(w1).add(x2.mul(w2)).add(b))
  y.label = 'y'
  const loss = y.sub(Value(0.8)).pow(2)
  loss.label = 'loss'
  return { loss, w1, b }
}

/** grads at step k, replayed from the snapshot alone */
function replay(s: GraphSnapshot, k: number): NodeValue[] {
  const g = s.initial.slice()
  for (const step of s.steps.slice(0, k)) step.inputs.forEach((id, j) => { g[id] = step.after[j] })
  return g
}

describe('backward snapshots', () => {
  it('record the last call, its trace and its final grads, untouched by later updates', () => {
    const rec = new BackwardRecorder()
    setBackwardObserver(rec.observe)
    const { loss, w1 } = neuron()
    backward(loss)
    const finalW1 = w1.grad
    w1.data -= 0.1 * w1.grad // an SGD step after backward changes nothing in the picture
    const s = rec.build()!
    expect(s.kind).toBe('backward')
    expect(s.calls).toBe(1)
    const w1Node = s.nodes.find((n) => n.label === 'w1')!
    expect(w1Node.data).toBe(-0.8)
    expect(w1Node.grad).toBe(finalW1)
    expect(s.nodes[s.root].label).toBe('loss')
    // step 1 seeds the root; each later step is one op node; the last state is the final grads
    expect(s.steps[0]).toMatchObject({ node: s.root, inputs: [s.root], after: [1] })
    expect(s.steps.length).toBe(1 + s.nodes.filter((n) => n.op !== '').length)
    expect(replay(s, s.steps.length)).toEqual(s.nodes.map((n) => n.grad))
    expect(replay(s, 0).every((g) => g === 0)).toBe(true)
    expect(s.accumulated).toBe(false)
    expect(s.steps.at(-1)!.explain.join(' ')).toMatch(/grad \+=/)
  })

  it('notices grads that were not zero when backward started', () => {
    const rec = new BackwardRecorder()
    setBackwardObserver(rec.observe)
    const { loss } = neuron()
    backward(loss)
    backward(loss)
    const s = rec.build()!
    expect(s.calls).toBe(2)
    expect(s.accumulated).toBe(true)
  })

  it('draw() shows the graph without a trace; an x*x node has two edges', () => {
    const x = Value(3) as ValueNode
    x.label = 'x'
    const s = drawSnapshot(x.mul(x))
    expect(s.kind).toBe('draw')
    expect(s.nodes[s.root]).toMatchObject({ op: 'mul', symbol: '×', inputs: [0, 0], data: 9 })
  })

  it('summarises Tensors: all values when small, a grid and statistics when large', () => {
    const rec = new BackwardRecorder()
    setBackwardObserver(rec.observe)
    const X = Tensor([[1, 2], [3, 4]])
    const W = Tensor([[0.5, -1, 2], [1, 0, -0.5]])
    const loss = softmax_crossentropy(relu(X.mul(W)), [[1, 0, 0], [0, 0, 1]])
    backward(loss)
    const s = rec.build()!
    const w = s.nodes.find((n) => n.kind === 'tensor' && n.inputs.length === 0 && typeof n.data !== 'number' && n.data.cols === 3)!
    expect(w.grad).toMatchObject({ rows: 2, cols: 3, full: Array.from(W.grad.data) })
    const big = tensorValues(Tensor(Array.from({ length: 100 }, (_, i) => Array.from({ length: 50 }, (_, j) => i + j))).data)
    expect(big.full).toBeUndefined()
    expect([big.gridRows, big.gridCols, big.min, big.max]).toEqual([24, 24, 0, 148])
  })
})

describe('fitSnapshot', () => {
  it('sends a snapshot over the page\'s total of numbers as its root alone, marked truncated', () => {
    // a chain of big tensors: each node carries its 24 × 24 grid twice
    let t = Tensor(zeros(100, 100))
    const n = Math.ceil(SNAPSHOT_MAX_NUMBERS / (2 * 581)) + 10
    for (let i = 0; i < n; i++) t = t.add(Tensor(zeros(1, 100)))
    const s = fitSnapshot(drawSnapshot(sum(t)))
    expect(s.truncated).toBeGreaterThan(n)
    expect(s.nodes).toHaveLength(1)
    expect(parseWorkerMessage({ type: 'graph', runId: 1, snapshot: s })).not.toBeNull()
  })
})
