// The door's schema and the frame's relay, attacked: random values, and valid messages with one
// field changed to the worst value we can think of. Nothing throws; what passes is of its type;
// the relay never drops what the page would accept, and never passes on what it does not know.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { GraphSnapshot, WorkerToHost } from './messages.ts'
import { parseColour } from './colour.ts'
import { RELAY_JS, relayShapes } from './relay.ts'
import { parseFromSandbox, parseHostToWorker, parseWorkerMessage } from './schema.ts'
import { paths, setAt } from './mutants.ts'

const relayCopy = new Function(`${RELAY_JS}; return relayCopy`)() as (shapes: unknown, m: unknown) => unknown
const SHAPES = relayShapes()
const relay = (m: unknown) => relayCopy(SHAPES, m)

const tensor = (rows: number, cols: number, full = true) => {
  const xs = Array.from({ length: rows * cols }, (_, i) => i / 2)
  return { rows, cols, min: 0, max: (rows * cols - 1) / 2, mean: 1, grid: xs, gridRows: rows, gridCols: cols, ...(full && { full: xs }) }
}
const valueGraph: GraphSnapshot = {
  kind: 'backward', root: 2, accumulated: false, calls: 1,
  nodes: [
    { id: 0, kind: 'value', label: 'x', op: '', symbol: '', inputs: [], data: 6, grad: 2 },
    { id: 1, kind: 'value', label: 'y', op: '', symbol: '', inputs: [], data: 2, grad: 6 },
    { id: 2, kind: 'value', label: 'z', op: 'mul', symbol: '×', inputs: [0, 1], data: 12, grad: 1 },
  ],
  initial: [0, 0, 0],
  steps: [{ node: 2, inputs: [0, 1], after: [2, 6], explain: ['x.grad += y.data × z.grad', 'y.grad += x.data × z.grad'] }],
}
const tensorGraph: GraphSnapshot = {
  kind: 'draw', root: 1, accumulated: false, calls: 0, initial: [], steps: [],
  nodes: [
    { id: 0, kind: 'tensor', label: 'w', op: '', symbol: '', inputs: [], data: tensor(2, 2), grad: tensor(2, 2) },
    { id: 1, kind: 'tensor', label: '', op: 'sum', symbol: 'Σ', inputs: [0], data: tensor(1, 1), grad: tensor(1, 1, false) },
  ],
}

/** One valid message of every type the worker sends. */
const VALID: WorkerToHost[] = [
  { type: 'print', runId: 1, lines: ['Value(4.0)', ''], partial: 'x' },
  { type: 'tail', runId: 1, lines: ['last'], omitted: 12 },
  { type: 'error', runId: 2, error: { name: 'TypeError', message: 'x is not a function', line: 3, column: 7 } },
  { type: 'done', runId: 2, ms: 1.5 },
  { type: 'graph', runId: 3, snapshot: valueGraph },
  { type: 'graph', runId: 3, snapshot: tensorGraph },
  { type: 'plot', runId: 3, plot: { id: 1, kind: 'xy', title: 'loss', marks: [{ type: 'line', xs: [1, 2], ys: [NaN, Infinity], label: 'l', color: 'rgb(1, 2, 3)' }] } },
  { type: 'plot', runId: 3, plot: { id: 2, kind: 'image', rows: 2, cols: 2, pixels: [0, 0.5, 1, 0] } },
  { type: 'progress', runId: 4, done: 3, total: 10, elapsed: 12, label: 'epoch' },
  { type: 'need', runId: 4, what: 'mnist' },
  { type: 'pad', runId: 4, handle: 1, rows: 28, cols: 28, title: 'draw a digit' },
  { type: 'result', handle: 1, text: '7', bars: [0.1, 0.9] },
]

/** The worst values we could think of for any field. */
const nasty = fc.oneof(
  fc.constantFrom(-2, -1, 0, 0.5, 5, NaN, Infinity, -Infinity, 2 ** 53, 1e308, -0, '', 'url(http://evil.test/?c=1)', 'crash', 'ready',
    null, undefined, [], {}, [5], { rows: 2, cols: 2, grid: [] }, new ArrayBuffer(8), new Uint8Array(3), 'x'.repeat(20_001)),
  fc.anything({ maxDepth: 2 }),
  fc.array(fc.double(), { maxLength: 5 }),
)
const mutated = fc.constantFrom(...VALID).chain((m) =>
  fc.record({ m: fc.constant(m), path: fc.constantFrom(...paths(m)), value: nasty, extra: fc.boolean() }))
  .map(({ m, path, value, extra }) => {
    const changed = setAt(m, path, value)
    return extra && changed && typeof changed === 'object' ? { ...changed, smuggled: new ArrayBuffer(16) } : changed
  })

describe('the schema', () => {
  it('accepts every valid message as it is, and the relay passes it on unchanged', () => {
    for (const m of VALID) {
      expect(parseWorkerMessage(m)).toEqual(m)
      expect(relay(m)).toEqual(m)
      expect(parseFromSandbox({ from: 'worker', msg: relay(m) })).toEqual(m)
    }
  })

  it('takes ready and crash only from the frame', () => {
    expect(parseFromSandbox({ from: 'frame', msg: { type: 'crash', message: 'its worker stopped' } })).toEqual({ type: 'crash', message: 'its worker stopped' })
    expect(parseFromSandbox({ from: 'frame', msg: { type: 'ready' } })).toEqual({ type: 'ready' })
    expect(parseFromSandbox({ from: 'frame', msg: { type: 'dropped' } })).toEqual({ type: 'dropped' })
    expect(parseFromSandbox({ from: 'worker', msg: { type: 'ready' } })).toBeNull()
    expect(parseFromSandbox({ from: 'worker', msg: { type: 'crash', message: 'x' } })).toBeNull()
    expect(parseFromSandbox({ type: 'crash', message: 'unwrapped' })).toBeNull()
    expect(relay({ type: 'crash', message: 'x' })).toBeNull()
  })

  it('refuses the crashers that were found', () => {
    const image = (rows: number, cols: number, pixels: number[]) => ({ type: 'plot', runId: 1, plot: { id: 1, kind: 'image', rows, cols, pixels } })
    expect(parseWorkerMessage(image(-2, -2, [1, 2, 3, 4]))).toBeNull()
    expect(parseWorkerMessage(image(0, 0, []))).toBeNull()
    expect(parseWorkerMessage(image(0, 5, []))).toBeNull()
    const withNode = (node: object) => ({ type: 'graph', runId: 1, snapshot: { ...tensorGraph, nodes: [{ ...tensorGraph.nodes[0], ...node }, tensorGraph.nodes[1]] } })
    expect(parseWorkerMessage(withNode({ data: { ...tensor(2, 2), full: 5 } }))).toBeNull()
    expect(parseWorkerMessage(withNode({ data: { ...tensor(2, 2), full: [1, 2, 3] } }))).toBeNull()
    expect(parseWorkerMessage(withNode({ kind: 'value' }))).toBeNull()
    const halfTensor = { ...valueGraph, nodes: valueGraph.nodes.map((n, i) => (i === 0 ? { ...n, data: { rows: 2, cols: 2, grid: [] } } : n)) }
    expect(parseWorkerMessage({ type: 'graph', runId: 1, snapshot: halfTensor })).toBeNull()
    const colour = { type: 'plot', runId: 1, plot: { id: 1, kind: 'xy', marks: [{ type: 'scatter', xs: [1], ys: [1], color: 'url(http://evil.test/?c=1)' }] } }
    expect(parseWorkerMessage(colour)).toBeNull()
    const buffers = { ...VALID[0], lines: ['a'], label: Array.from({ length: 6 }, () => new ArrayBuffer(1024)) }
    expect(relay(buffers)).toEqual({ ...VALID[0], lines: ['a'] })
    expect(relay({ ...VALID[0], lines: [new ArrayBuffer(8)] })).toBeNull()
  })

  it('never throws on random input, and what it accepts parses again to itself', () => {
    fc.assert(fc.property(fc.anything({ withTypedArray: true, withSparseArray: true, withNullPrototype: true }), (x) => {
      const m = parseWorkerMessage(x)
      if (m) expect(parseWorkerMessage(m)).toEqual(m)
      expect(parseFromSandbox(x)).toBeNull()
      relay(x)
      parseHostToWorker(x)
    }), { numRuns: 500 })
  })

  it('a valid message with one field at its worst: nothing throws, and the relay agrees with the door', () => {
    let accepted = 0, refused = 0
    fc.assert(fc.property(mutated, (x) => {
      const m = parseWorkerMessage(x)
      const copy = relay(x)
      if (m) {
        accepted++
        // The relay never drops what the page accepts, and hands on only declared fields.
        expect(copy).not.toBeNull()
        expect(parseWorkerMessage(copy)).toEqual(m)
        expect(JSON.stringify(copy)).not.toContain('smuggled')
        expect(parseWorkerMessage(m)).toEqual(m)
      }
      else refused++
      if (copy) expect(JSON.stringify(copy)).not.toContain('smuggled')
    }), { numRuns: 3000 })
    // both sides of the door were exercised
    expect(accepted).toBeGreaterThan(100)
    expect(refused).toBeGreaterThan(100)
  })
})

describe('colours', () => {
  it('are parsed, and only their parsed form comes out', () => {
    expect(parseColour('crimson')).toBe('rgb(220, 20, 60)')
    expect(parseColour('#e4572e')).toBe('rgb(228, 87, 46)')
    expect(parseColour('hsl(120, 50%, 50%)')).toBe('rgb(64, 191, 64)')
    for (const bad of ['url(http://evil.test/)', 'red; background: url(x)', 'var(--accent)', 'expression(alert(1))', '', 5, null]) {
      expect(parseColour(bad)).toBeNull()
    }
  })

  it('whatever the text, the result is an rgb() of numbers or null', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.constantFrom('red', '#abc', 'rgb(1,2,3)', 'hsla(1, 2%, 3%, 0.5)')), (s) => {
      const c = parseColour(s)
      if (c !== null) expect(c).toMatch(/^rgba?\(\d+, \d+, \d+(, [\d.]+)?\)$/)
    }), { numRuns: 2000 })
  })
})
