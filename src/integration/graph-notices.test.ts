// The graph's readings of a cell's text (source lines, the accumulation notice) on the examples' own
// snippets, and predict mode's answers.
import { describe, expect, it } from 'vitest'
import { linearRegression } from '../examples/linear-regression.ts'
import { NEURON } from '../examples/usage.ts'
import { fixture } from '../graph/fixtures.ts'
import { staleGrads } from '../graph/notices.ts'
import { isRight, parseAnswer } from '../graph/predict.ts'
import { nodeLines } from '../graph/source-lines.ts'

const neuronCell = NEURON.source

describe('source lines', () => {
  it('finds the line that made each node of the neuron, named or not', () => {
    const s = fixture('neuron')
    const lines = nodeLines(s, neuronCell)
    const text = neuronCell.split('\n')
    const lineOf = (label: string) => text[lines[s.nodes.find((n) => n.label === label)!.id] - 1]
    expect(lineOf('weight1')).toBe('const weight1 = Value(-0.8)')
    expect(lineOf('loss')).toBe('const loss = (y_pred - y_true) ^ 2')
    // the products and sums inside tanh(...) come from the line of y_pred
    const sum = s.nodes.find((n) => n.op === 'add' && !n.label)!
    expect(text[lines[sum.id] - 1]).toMatch(/^const y_pred = tanh\(/)
    expect(nodeLines(s, 'println(1)').every((l) => l === 0)).toBe(true)
  })
})

describe('the accumulation notice', () => {
  it('names grads left by an earlier backward that the notebook reads, and no others', () => {
    const s = fixture('neuron-twice')
    expect(staleGrads(s, ['backward(loss)', 'println(weight2.grad) // and input1.grad in a comment'])).toEqual(['weight2'])
    expect(staleGrads(s, ['backward(loss)'])).toEqual([])
    expect(staleGrads(fixture('neuron'), ['println(weight2.grad)'])).toEqual([])
  })

  it('stays quiet on the linear-regression tutorial: its 160 data Values pile up grads nobody reads', () => {
    const s = fixture('linear-regression')
    expect(s.accumulated).toBe(true)
    const cells = linearRegression.cells.filter((c) => c.kind === 'code').map((c) => c.source)
    const at = cells.findIndex((c) => c.includes('backward(loss)'))
    expect(staleGrads(s, cells.slice(at))).toEqual([])
    // had the loop forgotten `m_guess.grad = 0`, m_guess would be named
    const forgot = { ...s, initial: s.initial.map((g, i) => (s.nodes[i].label === 'm_guess' ? 1 : g)) }
    expect(staleGrads(forgot, cells.slice(at))).toEqual(['m_guess'])
  })
})

describe('predict answers', () => {
  it('read numbers as typed, and are right within 1e-9 relative', () => {
    expect(parseAnswer(' −1.5 ')).toBe(-1.5)
    expect(parseAnswer('1,000.5')).toBe(1000.5)
    expect(parseAnswer('')).toBeNaN()
    expect(isRight(2 + 1e-9, 2)).toBe(true)
    expect(isRight(2 + 1e-8, 2)).toBe(false)
    expect(isRight(0, 0)).toBe(true)
    expect(isRight(NaN, 0)).toBe(false)
  })
})
