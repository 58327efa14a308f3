import { describe, expect, it } from 'vitest'
import { checkGradients } from './check.ts'
import { fixture } from './fixtures.ts'

describe('check gradients', () => {
  it('finds every leaf of the neuron in agreement with finite differences', () => {
    const r = checkGradients(fixture('neuron'))
    expect(r.supported).toBe(true)
    expect(r.leaves.map((l) => l.name).sort()).toEqual(['(-1)', 'bias', 'input1', 'input2', 'input3', 'weight1', 'weight2', 'weight3', 'y_true'])
    expect(r.bad).toEqual([])
  })

  it('marks a grad that is wrong', () => {
    const s = fixture('neuron')
    const w1 = s.nodes.find((n) => n.label === 'weight1')!
    w1.grad = (w1.grad as number) + 0.5
    const r = checkGradients(s)
    expect(r.bad.map((b) => b.name)).toEqual(['weight1'])
  })

  it('finds the grads wrong when backward ran again without zero_grad', () => {
    const r = checkGradients(fixture('neuron-twice'))
    expect(r.bad.length).toBeGreaterThan(0)
    expect(r.note).toMatch(/zero_grad/)
  })

  it('re-evaluates every Value op, including pow, exp, log, inv, relu and sigmoid', () => {
    // sigmoid(relu(log(exp(a / b))) + tanh(b) ^ 3)
    const s = fixture('all-ops')
    expect(new Set(s.nodes.map((n) => n.op))).toEqual(new Set(['', 'inv', 'mul', 'exp', 'log', 'relu', 'tanh', 'pow', 'add', 'sigmoid']))
    const r = checkGradients(s)
    expect(r.supported).toBe(true)
    expect(r.bad).toEqual([])
  })

  it('handles the linear-regression loss with large numbers', () => {
    // the parameters are zeroed before each backward and agree; the data Values' grads pile up
    // over 100,000 iterations (nobody zeroes them), so they disagree, and the note says why
    const r = checkGradients(fixture('linear-regression'))
    const ok = new Set(r.leaves.filter((l) => l.ok).map((l) => l.name))
    expect(ok.has('m_guess') && ok.has('b_guess')).toBe(true)
    expect(r.bad.length).toBeGreaterThan(0)
    expect(r.note).toMatch(/zero_grad/)
  })

  it('explains why Tensor graphs are not checked', () => {
    const r = checkGradients(fixture('tensor'))
    expect(r.supported).toBe(false)
    expect(r.note).toMatch(/Value graphs/)
  })
})
