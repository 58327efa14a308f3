// Bad input gets a clear Error that says what was expected, and changes nothing.
import { describe, expect, it } from 'vitest'
import { backward, element_mul, exp, Matrix, rand, relu, seed, softmax_crossentropy, sum, Tensor, Value, zero_grad } from './index.ts'

const message = (f: () => unknown): string => {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(Error)
    return (e as Error).message
  }
  return expect.fail('expected an Error')
}

describe('shape errors name both shapes', () => {
  const a23 = () => Tensor([[1, 2, 3], [4, 5, 6]])
  it.each([
    ['matmul (2, 3) by (4, 5)', () => a23().matmul(Tensor(rand(4, 5))), ['(2, 3)', '(4, 5)', 'matmul']],
    ['mul (2, 3) by (2, 3)', () => a23().mul(a23()), ['(2, 3)', 'matmul']],
    ['Matrix matmul', () => new Matrix(2, 3).matmul(new Matrix(4, 5)), ['(2, 3)', '(4, 5)']],
    ['add (2, 3) + (3, 3)', () => a23().add(Tensor(rand(3, 3))), ['(2, 3)', '(3, 3)', 'add']],
    ['add (2, 3) + (1, 4)', () => a23().add(Tensor([1, 2, 3, 4])), ['(2, 3)', '(1, 4)']],
    ['sub (2, 3) - (3, 2)', () => a23().sub(Tensor(rand(3, 2))), ['(2, 3)', '(3, 2)']],
    ['element_mul', () => element_mul(a23(), Tensor([1, 2, 3])), ['(2, 3)', '(1, 3)', 'element_mul']],
    ['Matrix add', () => new Matrix(2, 3).add(new Matrix(3, 2)), ['(2, 3)', '(3, 2)']],
    ['labels of the wrong shape', () => softmax_crossentropy(a23(), [[1, 0, 0]]), ['(2, 3)', '(1, 3)', 'y_true']],
  ])('%s', (_name, f, parts) => {
    const text = message(f)
    for (const p of parts) expect(text).toContain(p)
  })
})

describe('what was expected', () => {
  it.each([
    ['Value("abc")', () => Value('abc' as unknown as number), /expects a number.*"abc"/],
    ['new Value("abc")', () => new Value('abc' as unknown as number), /expects a number/],
    ['Value()', () => (Value as unknown as () => unknown)(), /expects a number.*undefined/],
    ['x.add("1")', () => Value(1).add('1' as unknown as number), /add: expected a Value or a number/],
    ['x.pow("2")', () => Value(1).pow('2' as unknown as number), /pow: expected a number or a Value/],
    ['Tensor(5)', () => Tensor(5 as unknown as number[]), /number\[\].*number\[\]\[\].*Matrix/],
    ['Tensor(Tensor)', () => Tensor(Tensor([1]) as unknown as number[]), /got a Tensor/],
    ['Tensor([])', () => Tensor([]), /at least one number/],
    ['Tensor([1, "a"])', () => Tensor([1, 'a'] as unknown as number[]), /element 1 is the string "a"/],
    ['Tensor([[1], [null]])', () => Tensor([[1], [null]] as unknown as number[][]), /element \[1\]\[0\] is null/],
    ['ragged rows', () => Tensor([[1, 2], [3]]), /ragged rows: row 0 has 2 numbers but row 1 has 1/],
    ['ragged rows in Matrix.from', () => Matrix.from([[1], [2, 3]]), /ragged/],
    ['Matrix of the wrong length', () => new Matrix(2, 2, [1, 2, 3]), /needs 4 numbers, got 3/],
    ['tensor.add(Value)', () => Tensor([1]).add(Value(1) as unknown as Tensor), /add: expected a Tensor, got a ValueNode/],
    ['exp("x")', () => exp('x' as unknown as number), /exp\(x\) expects a number or a Value/],
    ['relu([1])', () => relu([1] as unknown as number), /relu\(x\) expects a number, a Value or a Tensor/],
    ['sum(Value)', () => sum(Value(1) as unknown as Tensor), /sum: expected a Tensor/],
    ['labels as a Tensor', () => softmax_crossentropy(Tensor([[1, 2]]), Tensor([[0, 1]]) as unknown as number[][]), /not a Tensor/],
    ['labels as a string', () => softmax_crossentropy(Tensor([[1, 2]]), 'cat' as unknown as number[][]), /one-hot labels/],
    ['logits not a Tensor', () => softmax_crossentropy([[1, 2]] as unknown as Tensor, [[0, 1]]), /logits must be a Tensor/],
    ['backward(42)', () => backward(42 as unknown as Value), /backward\(root\) expects a Value or a Tensor, got number 42/],
    ['backward(42) traced', () => backward(42 as unknown as Value, { trace: true }), /expects a Value or a Tensor/],
    ['zero_grad(null)', () => zero_grad(null as unknown as Value), /zero_grad\(root\) expects a Value or a Tensor, got null/],
  ])('%s', (_name, f, pattern) => {
    expect(message(f)).toMatch(pattern)
  })

  it.each([
    ['(2, 0)', 2, 0], ['(-1, 0)', -1, 0], ['(0, 3)', 0, 3], ['(0.5, 0)', 0.5, 0], ['(NaN, 0)', NaN, 0],
  ])('Matrix.get%s of a 2 x 3 matrix is out of range', (_name, i, j) => {
    const m = new Matrix(2, 3)
    expect(message(() => m.get(i, j))).toMatch(/outside a \(2, 3\) matrix \(indices start at 0\)/)
    expect(() => m.set(i, j, 1)).toThrow(/outside/)
    expect(Array.from(m.data)).toEqual([0, 0, 0, 0, 0, 0])
  })
})

describe('nothing half-updated', () => {
  it('a failed op leaves its inputs as they were', () => {
    const a = Tensor([[1, 2], [3, 4]]), b = Tensor([[1, 2, 3]])
    expect(() => a.matmul(b.sub(a))).toThrow()
    expect(a.data.toArray()).toEqual([[1, 2], [3, 4]])
    expect(a.grad.toArray()).toEqual([[0, 0], [0, 0]])
  })

  it('a grad of the wrong shape, or not a Matrix, is refused and the old grad kept', () => {
    const x = Tensor([[1, 2, 3]]), w = Tensor([[1], [2], [3]])
    backward(x.matmul(w).sum())
    expect(message(() => { x.grad = new Matrix(3, 1) })).toMatch(/\(1, 3\).*\(3, 1\)/)
    expect(() => { x.grad = [[1, 2, 3]] as unknown as Matrix }).toThrow(/Matrix/)
    expect(x.grad.toArray()).toEqual([[1, 2, 3]])
  })

  it('a refused seed leaves the generators where they were', () => {
    seed(1234)
    expect(rand()).toBe(0.32597672886359486)
    expect(() => seed(-5)).toThrow()
    expect(rand()).toBe(0.5490511363155669)
  })

  it('a refused size draws nothing from the stream', () => {
    seed(1234)
    expect(() => rand(-1, 2)).toThrow()
    expect(() => rand(2, 2.5)).toThrow()
    expect(rand(2, 3).get(0, 0)).toBe(0.5908446386657102)
  })

  it('a failed backward call changes no grad', () => {
    const x = Value(2)
    const y = x.mul(x)
    expect(() => backward([y] as unknown as Value)).toThrow(/got an array/)
    expect([x.grad, y.grad]).toEqual([0, 0])
  })
})
