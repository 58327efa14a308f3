import { describe, expect, it } from 'vitest'
import { checkGradients } from './check.ts'
import { linearRegressionGraph, neuronGraph, tensorGraph, ValueGraph } from './fixtures.ts'

describe('check gradients', () => {
  it('finds every leaf of the neuron in agreement with finite differences', () => {
    const r = checkGradients(neuronGraph().backward())
    expect(r.supported).toBe(true)
    expect(r.leaves.map((l) => l.name)).toEqual(['input1', 'input2', 'input3', 'weight1', 'weight2', 'weight3', 'bias', 'y_true', '(-1)'])
    expect(r.bad).toEqual([])
  })

  it('marks a grad that is wrong', () => {
    const s = neuronGraph().backward()
    const w1 = s.nodes.find((n) => n.label === 'weight1')!
    w1.grad = (w1.grad as number) + 0.5
    const r = checkGradients(s)
    expect(r.bad.map((b) => b.name)).toEqual(['weight1'])
  })

  it('finds the grads wrong when backward ran again without zero_grad', () => {
    const r = checkGradients(neuronGraph().backward(2))
    expect(r.bad.length).toBeGreaterThan(0)
    expect(r.note).toMatch(/zero_grad/)
  })

  it('re-evaluates every Value op, including pow, exp, log, inv, relu and sigmoid', () => {
    const g = new ValueGraph()
    const a = g.value(0.7, 'a'), b = g.value(1.3, 'b')
    g.sigmoid(g.add(g.relu(g.log(g.exp(g.div(a, b)))), g.pow(g.tanh(b), 3)))
    const r = checkGradients(g.backward())
    expect(r.supported).toBe(true)
    expect(r.bad).toEqual([])
  })

  it('handles the linear-regression loss with large numbers', () => {
    expect(checkGradients(linearRegressionGraph(20).backward()).bad).toEqual([])
  })

  it('explains why Tensor graphs are not checked', () => {
    const r = checkGradients(tensorGraph())
    expect(r.supported).toBe(false)
    expect(r.note).toMatch(/Value graphs/)
  })
})
