import { describe, expect, it } from 'vitest'
import { fixture } from './fixtures.ts'
import { changed, gradsAt, stepCount, stepInfo } from './replay.ts'
import { stepCommandFor, stepCommands, playStart } from './stepper.ts'

describe('replay', () => {
  it('steps z = x * y: 0 before, then the seed, then the product rule', () => {
    const s = fixture('xy')
    expect(stepCount(s)).toBe(2)
    expect(gradsAt(s, 0)).toEqual([0, 0, 0])
    expect(gradsAt(s, 1)).toEqual([0, 0, 1])
    expect(gradsAt(s, 2)).toEqual([2, 6, 1])
    expect(gradsAt(s, 2)).toEqual(s.nodes.map((n) => n.grad))
    const info = stepInfo(s, 2)
    expect(info).toMatchObject({ k: 2, n: 2, node: 2, seed: false })
    expect(info.inputs.map((x) => [x.name, x.before, x.after])).toEqual([['x', 0, 2], ['y', 0, 6]])
    expect(info.inputs[0].explain[0]).toBe('x.grad += y.data × z.grad = 2.0 × 1.0 = 2.0')
    expect(stepInfo(s, 1)).toMatchObject({ seed: true, node: 2 })
    expect(stepInfo(s, 0)).toMatchObject({ node: null, inputs: [] })
  })

  it('ends at the final grads of the neuron, one op node per step', () => {
    const s = fixture('neuron')
    expect(gradsAt(s, stepCount(s))).toEqual(s.nodes.map((n) => n.grad))
    expect(stepCount(s)).toBe(1 + s.nodes.filter((n) => n.op).length)
    expect(changed(gradsAt(s, 3), gradsAt(s, 4))).toEqual(s.steps[3].inputs.filter((v, i, a) => a.indexOf(v) === i).sort((a, b) => a - b))
  })

  it('reports accumulation: an input whose grad was not zero', () => {
    const s = fixture('neuron-twice')
    expect(s.accumulated).toBe(true)
    const info = stepInfo(s, 2)
    expect(info.inputs.every((x) => x.accumulates)).toBe(true)
    // x * x: one input, two sentences
    const sq = fixture('square')
    const i2 = stepInfo(sq, 2)
    expect(i2.inputs).toHaveLength(1)
    expect(i2.inputs[0].explain).toHaveLength(2)
    expect(i2.inputs[0].after).toBe(12) // d(x·x)/dx = 2x, x = 6
  })

  it('shows a draw() snapshot as it is, with no steps', () => {
    const s = fixture('xy-draw')
    expect(stepCount(s)).toBe(0)
    expect(gradsAt(s, 5)).toEqual([0, 0, 0])
  })

  it('replays Tensor grads', () => {
    const s = fixture('tensor')
    expect(gradsAt(s, s.steps.length)).toEqual(s.nodes.map((n) => n.grad))
  })
})

describe('stepper commands', () => {
  it('move within 0..n and map the arrow keys', () => {
    expect(stepCommands.forward.target(3, 3)).toBe(3)
    expect(stepCommands.back.target(0, 3)).toBe(0)
    expect(stepCommands.last.target(1, 7)).toBe(7)
    expect(stepCommandFor('ArrowRight')).toBe(stepCommands.forward)
    expect(stepCommandFor('ArrowLeft')).toBe(stepCommands.back)
    expect(stepCommandFor('x')).toBeUndefined()
    expect(playStart(5, 5)).toBe(0)
    expect(playStart(2, 5)).toBe(2)
  })
})
