// Printing as Julia's println does: Float64s, Values, Tensors, Matrices and arrays.
import { describe, expect, it } from 'vitest'
import { backward, formatFloat, Matrix, rand, seed, show, Tensor, Value } from './index.ts'

describe('formatFloat: Julia show(::Float64)', () => {
  it.each([
    [4, '4.0'],
    [0.1, '0.1'],
    [-0.6, '-0.6'],
    [2.137377648400186, '2.137377648400186'],
    [1e-5, '1.0e-5'],
    [1.5e-5, '1.5e-5'],
    [0.0001, '0.0001'],
    [0.00012345, '0.00012345'],
    [123456.0, '123456.0'],
    [100000.0, '100000.0'],
    [123456.5, '123456.5'],
    [1234567.0, '1.234567e6'],
    [1e6, '1.0e6'],
    [-1e6, '-1.0e6'],
    [1e16, '1.0e16'],
    [1.5e300, '1.5e300'],
    [0, '0.0'],
    [-0, '-0.0'],
    [NaN, 'NaN'],
    [Infinity, 'Inf'],
    [-Infinity, '-Inf'],
    [2.5e-310, '2.5e-310'],
    [5e-324, '5.0e-324'],
    [Number.MAX_VALUE, '1.7976931348623157e308'],
    [0.1 + 0.2, '0.30000000000000004'],
    [-123.456, '-123.456'],
  ])('%s prints as %s', (x, text) => {
    expect(formatFloat(x)).toBe(text)
    expect(show(x)).toBe(text)
  })
})

describe('show', () => {
  it('prints a Value with its data', () => {
    expect(show(Value(4))).toBe('Value(4.0)')
    expect(show(Value(-1e-5))).toBe('Value(-1.0e-5)')
    expect(String(Value(0.9950547536867305))).toBe('Value(0.9950547536867305)')
  })

  it('prints a one-row Tensor', () => {
    expect(show(Tensor([2, 3, 4]))).toBe('Tensor([2.0, 3.0, 4.0])')
    expect(show(Tensor([[2, 3.5]]))).toBe('Tensor([2.0, 3.5])')
    expect(String(Tensor([7]))).toBe('Tensor([7.0])')
  })

  it('prints a multi-row Tensor with later rows indented by 7 spaces', () => {
    const t = Tensor([[1, 2], [3, 4], [5, 6.5]])
    expect(show(t)).toBe('Tensor([1.0, 2.0]\n       [3.0, 4.0]\n       [5.0, 6.5])')
    expect(String(t)).toBe(show(t))
    expect(show(Tensor([1, 2], { column_vector: true }))).toBe('Tensor([1.0]\n       [2.0])')
  })

  it('prints a Matrix as [a b; c d]', () => {
    expect(show(Matrix.from([[1, 2], [3, 4]]))).toBe('[1.0 2.0; 3.0 4.0]')
    expect(show(Tensor([[1, -2, 3], [0.5, 5, 6]]).data)).toBe('[1.0 -2.0 3.0; 0.5 5.0 6.0]')
    expect(show(new Matrix(2, 1, [1, 2]))).toBe('[1.0; 2.0]')
    expect(String(Matrix.from([[1, 2]]))).toBe('[1.0 2.0]')
  })

  it('prints a one-row Matrix made from a 1-D array as a Julia Vector', () => {
    expect(show(Matrix.from([1, 2]))).toBe('[1.0, 2.0]')
    expect(show(Tensor([2, 3, 4]).data)).toBe('[2.0, 3.0, 4.0]')
    expect(show(Tensor([2, 3, 4]).grad)).toBe('[0.0, 0.0, 0.0]')
    expect(show(Tensor([2, 3, 4]).data.mul(2))).toBe('[4.0, 6.0, 8.0]')
    seed(1)
    expect(show(rand(3))).toMatch(/^\[[0-9.e-]+, [0-9.e-]+, [0-9.e-]+\]$/)
  })

  it('prints a bias gradient after a broadcast backward with spaces, as a 1 x n Julia Matrix', () => {
    const x = Tensor([[1, 2], [3, 4]])
    const b = Tensor([0.5, -1])
    expect(show(b.grad)).toBe('[0.0, 0.0]')
    backward(x.add(b).sum())
    expect(show(b.grad)).toBe('[2.0 2.0]')
    expect(show(x.grad)).toBe('[1.0 1.0; 1.0 1.0]')
  })

  it('prints number[] and nested arrays as Julia Vectors', () => {
    expect(show([1, 2])).toBe('[1.0, 2.0]')
    expect(show([])).toBe('[]')
    expect(show([[1, 2], [3]])).toBe('[[1.0, 2.0], [3.0]]')
    expect(show(new Float64Array([0.5, -0]))).toBe('[0.5, -0.0]')
    expect(show([Value(1), 2])).toBe('[Value(1.0), 2.0]')
  })

  it('prints strings as they are, but quotes them inside arrays', () => {
    expect(show('loss: ')).toBe('loss: ')
    expect(show('')).toBe('')
    expect(show(['a', 1])).toBe('["a", 1.0]')
  })

  it('prints booleans, null and undefined as Julia would', () => {
    expect(show(true)).toBe('true')
    expect(show(undefined)).toBe('nothing')
    expect(show(null)).toBe('nothing')
  })
})
