// The runtime's operators, called directly as compiled code calls them.
import { afterEach, describe, expect, it } from 'vitest'
import { backward, Matrix, show, Tensor, TensorNode, Value, ValueNode } from '../engine/index.ts'
import fc from 'fast-check'
import { add, createRuntime, describe as describeOperand, div, label, mul, neg, pow, sub, subMul, xor } from './operators.ts'

const v = (x: unknown) => x as ValueNode
const t = (x: unknown) => x as TensorNode
const m = (x: unknown) => x as Matrix

describe('numbers keep JavaScript meaning', () => {
  it.each([
    ['add', add(2, 3), 5],
    ['sub', sub(2, 3), -1],
    ['mul', mul(2, 3), 6],
    ['div', div(1, 4), 0.25],
    ['pow', pow(2, 10), 1024],
    ['xor', xor(6, 3), 5],
    ['neg', neg(4), -4],
    ['string + number', add('a', 1), 'a1'],
    ['number + string', add(1, 'a'), '1a'],
    ['string * number', mul('3', 2), 6],
    ['bigint', add(2n, 3n), 5n],
    ['bigint xor', xor(6n, 3n), 5n],
    ['arrays', add([1], [2]), '12'],
    ['null', add(null, 1), 1],
    ['neg of a string', neg('3'), -3],
  ])('%s', (_, got, want) => expect(got).toEqual(want))

  it('NaN and infinities pass through', () => {
    expect(div(1, 0)).toBe(Infinity)
    expect(mul(NaN, 1)).toBeNaN()
  })

  it('a string with a Value concatenates, as JavaScript does', () => {
    expect(add('loss: ', Value(0.5))).toBe('loss: Value(0.5)')
    expect(add(Value(2), '!')).toBe('Value(2.0)!')
  })
})

describe('Values', () => {
  it('Value with Value', () => {
    const x = Value(6), y = Value(2)
    expect(v(add(x, y)).data).toBe(8)
    expect(v(sub(x, y)).data).toBe(4)
    expect(v(mul(x, y)).data).toBe(12)
    expect(v(div(x, y)).data).toBe(3)
    expect(v(pow(x, y)).data).toBe(36)
    expect(v(xor(x, y)).data).toBe(36)
    expect(v(neg(x)).data).toBe(-6)
  })

  it('a number on either side becomes a leaf Value, in order', () => {
    const x = Value(5)
    const z = v(mul(2, x))
    expect(z.data).toBe(10)
    expect(z.a?.data).toBe(2)
    expect(z.b).toBe(x)
    expect(v(sub(10, x)).data).toBe(5)
    expect(v(div(10, x)).data).toBe(2)
    expect(v(add(x, 1)).data).toBe(6)
    expect(v(xor(2, Value(3))).data).toBe(8)
  })

  it('x ^ 2 and x ** 2 are powers with the right gradient', () => {
    for (const op of [xor, pow]) {
      const x = Value(5)
      const z = v(op(x, 2))
      expect(show(z)).toBe('Value(25.0)')
      backward(z)
      expect(x.grad).toBe(10)
    }
  })

  it('names the node it makes, when asked', () => {
    const x = Value(1)
    expect(v(add(x, 2, 'loss')).label).toBe('loss')
    expect(v(neg(x, 'm')).label).toBe('m')
    expect(add(1, 2, 'n')).toBe(3)
  })
})

describe('Tensors', () => {
  it('add and subtract with the row broadcast', () => {
    const a = Tensor([[1, 2], [3, 4]]), b = Tensor([10, 20])
    expect(t(add(a, b)).data.toArray()).toEqual([[11, 22], [13, 24]])
    expect(t(sub(a, b)).data.toArray()).toEqual([[-9, -18], [-7, -16]])
  })

  it('* is the matrix product, or a scale with a number', () => {
    const a = Tensor([[1, 2], [3, 4]]), b = Tensor([[1, 0], [0, 1]])
    expect(t(mul(a, b)).data.toArray()).toEqual([[1, 2], [3, 4]])
    expect(t(mul(a, 2)).data.toArray()).toEqual([[2, 4], [6, 8]])
    expect(t(mul(3, a)).data.toArray()).toEqual([[3, 6], [9, 12]])
    expect(t(div(a, 2)).data.toArray()).toEqual([[0.5, 1], [1.5, 2]])
    expect(t(neg(a)).data.toArray()).toEqual([[-1, -2], [-3, -4]])
  })

  it('gradients flow through the operators', () => {
    const w = Tensor([[1, 2], [3, 4]]), x = Tensor([[1, 1]])
    const s = t(mul(mul(x, w), 2))
    backward(s)
    expect(w.grad.toArray()).toEqual([[2, 2], [2, 2]])
  })
})

describe('Matrices', () => {
  const a = Matrix.from([[1, 2], [3, 4]])
  it.each([
    ['M + M', () => add(a, a), [[2, 4], [6, 8]]],
    ['M - M', () => sub(a, a), [[0, 0], [0, 0]]],
    ['M * M', () => mul(a, a), [[7, 10], [15, 22]]],
    ['M * k', () => mul(a, 2), [[2, 4], [6, 8]]],
    ['k * M', () => mul(2, a), [[2, 4], [6, 8]]],
    ['M / k', () => div(a, 2), [[0.5, 1], [1.5, 2]]],
    ['M + k', () => add(a, 1), [[2, 3], [4, 5]]],
    ['k - M', () => sub(1, a), [[0, -1], [-2, -3]]],
    ['-M', () => neg(a), [[-1, -2], [-3, -4]]],
  ])('%s', (_, f, want) => expect(m(f()).toArray()).toEqual(want))
})

describe('what does not fit says so', () => {
  it.each([
    [() => mul(Value(1), Tensor([1])), 'cannot apply * to a Value and a Tensor'],
    [() => add(Tensor([1]), Value(1)), 'cannot apply + to a Tensor and a Value'],
    [() => add(Tensor([1]), 1), 'cannot apply + to a Tensor and a number'],
    [() => div(Tensor([1]), Tensor([1])), 'cannot apply / to a Tensor and a Tensor'],
    [() => xor(Tensor([1]), 2), 'cannot apply ^ to a Tensor and a number'],
    [() => pow(Matrix.from([[1]]), 2), 'cannot apply ** to a Matrix and a number'],
    [() => add(Value(1), Matrix.from([[1]])), 'cannot apply + to a Value and a Matrix'],
    [() => add(Value(1), undefined), 'cannot apply + to a Value and undefined'],
    [() => mul(true, Value(1)), 'cannot apply * to a boolean and a Value'],
    [() => sub(Value(1), [1, 2]), 'cannot apply - to a Value and an array'],
    [() => div(1, Matrix.from([[1]])), 'cannot apply / to a number and a Matrix'],
  ])('%#', (f, message) => expect(f).toThrow(message))

  it('shape errors come from the engine, with both shapes', () => {
    expect(() => mul(Tensor([[1, 2, 3], [4, 5, 6]]), Tensor([[1, 2]]))).toThrow(/\(2, 3\).*\(1, 2\)/)
  })

  it('names operands', () => {
    expect(describeOperand({})).toBe('an object')
    expect(describeOperand(new Map())).toBe('a Map')
    expect(describeOperand(null)).toBe('null')
  })
})

describe('labels', () => {
  it('labels an unlabelled node and passes everything through', () => {
    const x = Value(1)
    expect(label(x, 'weight1')).toBe(x)
    expect(x.label).toBe('weight1')
    label(x, 'other')
    expect(x.label).toBe('weight1')
    expect(label(3, 'n')).toBe(3)
    expect(label(null, 'n')).toBe(null)
    const o = { label: '' }
    expect(label(o, 'n').label).toBe('')
    const w = Tensor([1, 2])
    label(w, 'w')
    expect(w.label).toBe('w')
  })
})

describe('the notebook scope', () => {
  const g: Record<string, unknown> = {}
  const rt = createRuntime(g)
  afterEach(() => {
    for (const k of Object.keys(g)) delete g[k]
  })

  it('put copies a value that can be assigned and replaced', () => {
    rt.put('x', 1)
    g.x = 2
    expect(g.x).toBe(2)
    rt.put('x', 'again')
    expect(g.x).toBe('again')
  })

  it('def is a live binding; without a setter it is const', () => {
    let local = 1
    rt.def('y', () => local, (v) => { local = v as number })
    g.y = 5
    expect(local).toBe(5)
    local = 7
    expect(g.y).toBe(7)
    rt.def('c', () => 3)
    expect(() => { g.c = 4 }).toThrow("Assignment to constant variable 'c'")
    rt.put('c', 4)
    expect(g.c).toBe(4)
  })

  it('constant cannot be assigned, but can be declared again', () => {
    rt.constant('k', 1)
    expect(g.k).toBe(1)
    expect(() => { g.k = 2 }).toThrow(/read only/)
    rt.constant('k', 2)
    expect(g.k).toBe(2)
  })

  it('a global that cannot be replaced says so', () => {
    const sealed = {}
    Object.defineProperty(sealed, 'NaN', { value: NaN, configurable: false })
    expect(() => createRuntime(sealed).put('NaN', 1)).toThrow('cannot declare NaN')
  })

  it('Values made through the runtime are engine Values', () => {
    expect(rt.mul(Value(2), 3)).toBeInstanceOf(ValueNode)
  })
})

describe('subMul (a - b * s, as the compiler fuses it)', () => {
  const outcome = (f: () => unknown) => {
    try {
      const x = f()
      return x instanceof Matrix ? { m: Array.from(x.data), shape: x.shape, vector: x.vector, text: x.toString() } : { show: show(x) }
    } catch (e) {
      return { error: (e as Error).message }
    }
  }
  const matrix = (rows: number, cols: number) => fc.array(fc.double({ noNaN: false }), { minLength: rows * cols, maxLength: rows * cols })
    .map((xs) => new Matrix(rows, cols, xs))
  const operand = fc.oneof(
    fc.double(), fc.constant('2'), fc.constant(null),
    matrix(2, 3), matrix(1, 3), matrix(2, 2),
    fc.double({ min: -4, max: 4, noNaN: true }).map((x) => Value(x)),
  )

  it('gives the numbers, print style, or error of sub(a, mul(b, s)) for any operands', () => {
    fc.assert(fc.property(operand, operand, operand, (a, b, s) => {
      expect(outcome(() => subMul(a, b, s))).toEqual(outcome(() => sub(a, mul(b, s))))
    }), { numRuns: 2000 })
  })

  it('keeps the SGD update bit for bit, -0 included', () => {
    const w = new Matrix(1, 3, [0, -0, 1e-300]), g = new Matrix(1, 3, [0, 0, 1e300])
    expect(Array.from(m(subMul(w, g, 0.1)).data)).toEqual(Array.from(w.sub(g.mul(0.1)).data))
    expect(Object.is(m(subMul(w, g, 0.1)).data[1], -0)).toBe(true)
  })
})
