// The op table against the code that runs: every code has one record and one case in backward's
// switch, the switch runs the record's own backward, which adds exactly the record's terms, and
// every sentence of the stepper states the numbers that backward then adds.
import { describe, expect, it } from 'vitest'
import { backward, tensorStep, valueStep } from '../backward.ts'
import { Matrix } from '../matrix.ts'
import { TensorNode, ValueNode, type Node } from '../node.ts'
import { Tensor } from '../tensor.ts'
import { Value } from '../value.ts'
import { relu, softmax_crossentropy } from '../index.ts'
import { T, V } from './codes.ts'
import { TENSOR_OPS, VALUE_OPS } from './table.ts'

/** One node of each Value op, over inputs whose every local gradient is non-zero. */
const VALUE_CASES: Record<keyof typeof V, (() => ValueNode) | null> = {
  LEAF: null,
  ADD: () => Value(0.5).add(Value(-1.25)),
  MUL: () => Value(0.5).mul(Value(-1.25)),
  POW: () => Value(1.5).pow(3),
  POWV: () => Value(1.5).pow(Value(2.5)),
  INV: () => Value(0.5).div(Value(-1.25)).b!,
  EXP: () => Value(0.3).exp(),
  LOG: () => Value(2.5).log(),
  TANH: () => Value(0.7).tanh(),
  RELU: () => Value(0.7).relu(),
  SIGMOID: () => Value(-0.4).sigmoid(),
}

const x23 = () => Tensor([[0.3, -1.2, 0.7], [1.1, 0.4, -0.5]])
const TENSOR_CASES: Record<keyof typeof T, (() => TensorNode) | null> = {
  LEAF: null,
  ADD: () => x23().add(Tensor([0.1, 0.2, 0.3])),
  MATMUL: () => x23().matmul(Tensor([[0.2, -0.4], [0.9, 0.1], [-0.3, 0.8]])),
  SCALE: () => x23().mul(-2.5),
  EMUL: () => x23().element_mul(Tensor([[2, 3, 4], [5, 6, 7]])),
  SUM: () => x23().sum(),
  RELU: () => relu(x23()),
  SOFTMAX_CE: () => softmax_crossentropy(x23(), [[0, 1, 0], [1, 0, 0]]),
}

const inputsOf = (n: Node): Node[] => (n.b === null ? [n.a!] : [n.a!, n.b])
const gradOf = (n: Node): number | number[] => (n instanceof ValueNode ? n.grad : Array.from(n.grad.data))

describe('the op table', () => {
  it('has one record per code, at its code, for Values and Tensors', () => {
    for (const [key, code] of Object.entries(V)) {
      if (code === V.LEAF) expect(VALUE_OPS[code]).toBeUndefined()
      else expect(VALUE_OPS[code]?.code, `Value op ${key}`).toBe(code)
    }
    for (const [key, code] of Object.entries(T)) {
      if (code === T.LEAF) expect(TENSOR_OPS[code]).toBeUndefined()
      else expect(TENSOR_OPS[code]?.code, `Tensor op ${key}`).toBe(code)
    }
    expect(VALUE_OPS.filter(Boolean).length).toBe(Object.keys(V).length - 1)
    expect(TENSOR_OPS.filter(Boolean).length).toBe(Object.keys(T).length - 1)
  })

  it.each(Object.entries(VALUE_CASES).filter(([, make]) => make))('Value %s: the switch runs the record’s backward, which adds its terms', (key, make) => {
    const code = V[key as keyof typeof V]
    const viaSwitch = make!(), viaRecord = make!()
    expect(viaSwitch.op).toBe(code)
    const def = VALUE_OPS[code]
    for (const n of [viaSwitch, viaRecord]) n.grad = 0.75
    valueStep(viaSwitch)
    def.backward(viaRecord)
    const fresh = make!()
    fresh.grad = 0.75
    const terms = def.terms.map((t) => t(fresh))
    inputsOf(viaSwitch).forEach((input, i) => {
      expect(input.grad).not.toBe(0)
      expect(input.grad).toBe(inputsOf(viaRecord)[i].grad)
      expect(input.grad).toBe(terms[i])
    })
  })

  it.each(Object.entries(TENSOR_CASES).filter(([, make]) => make))('Tensor %s: the switch runs the record’s backward', (key, make) => {
    const code = T[key as keyof typeof T]
    const viaSwitch = make!(), viaRecord = make!()
    expect(viaSwitch.op).toBe(code)
    for (const n of [viaSwitch, viaRecord]) n.grad.fill(0.75)
    tensorStep(viaSwitch)
    TENSOR_OPS[code].backward(viaRecord)
    inputsOf(viaSwitch).forEach((input, i) => {
      const g = gradOf(input) as number[]
      expect(g.some((v) => v !== 0)).toBe(true)
      expect(g).toEqual(gradOf(inputsOf(viaRecord)[i]))
    })
  })
})

/** `x.grad += rule = numbers = added`: the input's name, the numbers as an expression, the amount. */
function parse(sentence: string): { input: string; numbers: string | null; added: number } {
  const m = /^(\S+)\.grad \+= (.+)$/.exec(sentence)
  expect(m, sentence).not.toBeNull()
  const parts = m![2].split(' = ')
  return { input: m![1], numbers: parts.length === 3 ? parts[1] : null, added: Number(parts.at(-1)) }
}

/** The sentence's numbers as JavaScript: `(1 − 0.6²) × 1.0` becomes `(1 - (0.6)**2) * (1.0)`. */
function evaluate(numbers: string): number {
  const js = numbers
    .replace(/−/g, '-').replace(/×/g, '*').replace(/²/g, '**2').replace(/\^/g, '**').replace(/log\(/g, 'Math.log(')
    .replace(/(?<![\w.])-?\d+(\.\d+)?(e-?\d+)?/g, (x) => `(${x})`)
  return new Function(`return ${js}`)() as number
}

describe('the stepper’s sentences', () => {
  it.each(Object.entries(VALUE_CASES).filter(([, make]) => make))('Value %s: each sentence states what backward adds, and its numbers compute it', (key, make) => {
    const n = make!()
    const inputs = inputsOf(n) as ValueNode[]
    inputs.forEach((x, i) => (x.label = `in${i}`))
    n.label = 'out'
    const root = n.mul(Value(-1.5)) // so that out.grad is not 1
    const trace = backward(root, { trace: true })
    const step = trace.steps.find((s) => s.node === n)!
    expect(step.explain.length).toBe(step.inputs.length)
    const sums = new Map<Node, number>()
    step.explain.forEach((line, i) => {
      const { input, numbers, added } = parse(line)
      expect(input).toBe(`in${i}`)
      expect(added).toBe(VALUE_OPS[n.op].terms[i](n))
      if (numbers !== null) expect(evaluate(numbers)).toBeCloseTo(added, 12)
      const x = step.inputs[i]
      sums.set(x, (sums.get(x) ?? (step.before[i] as number)) + added)
    })
    step.inputs.forEach((x, i) => expect(step.after[i]).toBe(sums.get(x)))
  })

  it('an input used twice gets both sentences’ amounts: x * x', () => {
    const x = Value(3)
    x.label = 'x'
    const step = backward(x.mul(x), { trace: true }).steps[1]
    const added = step.explain.map((l) => parse(l).added)
    expect(added).toEqual([3, 3])
    expect(step.after).toEqual([6, 6])
  })

  it.each(Object.entries(TENSOR_CASES).filter(([, make]) => make))('Tensor %s: one sentence per input, with the shapes backward uses', (key, make) => {
    const n = make!()
    const trace = backward(n.sum(), { trace: true })
    const step = trace.steps.find((s) => s.node === n)!
    expect(step.explain.length).toBe(step.inputs.length)
    step.explain.forEach((line, i) => {
      const input = step.inputs[i] as TensorNode
      expect(line.startsWith(`node${trace.order.indexOf(input)}.grad += `)).toBe(true)
      // a product's shapes, `(m×k · k×n)`, give the shape of the grad it adds to
      const dims = /\((\d+)×(\d+) · (\d+)×(\d+)\)/.exec(line)
      if (dims) {
        expect(dims[2]).toBe(dims[3])
        expect([Number(dims[1]), Number(dims[4])]).toEqual(input.shape)
      }
      const added = (step.after[i] as Matrix).sub(step.before[i] as Matrix)
      expect(added.data.some((v) => v !== 0)).toBe(true)
      // the numbers a sentence states: the scale's k, the sum's gradient, softmax's row count
      const g = (n.grad as Matrix).data
      if (n.op === T.SCALE) expect(added.data).toEqual(g.map((v) => Number(/\+= (\S+) ×/.exec(line)![1]) * v))
      if (n.op === T.SUM) expect(added.data.every((v) => v === Number(/= (\S+) in every entry/.exec(line)![1]))).toBe(true)
      if (n.op === T.SOFTMAX_CE) expect(Number(/\/ (\d+) ×/.exec(line)![1])).toBe(input.shape[0])
    })
  })
})
