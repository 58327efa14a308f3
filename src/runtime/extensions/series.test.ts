import { describe, expect, it } from 'vitest'
import { Matrix, Tensor, Value } from '../../engine/index.ts'
import { MAX_MARK_POINTS, oneTo, seriesLength, thin, toImage, toNumbers } from './series.ts'

describe('toNumbers: what the plotting functions accept', () => {
  it.each([
    ['number[]', [1, 2.5, -3], [1, 2.5, -3]],
    ['Float64Array', Float64Array.of(1, 2), [1, 2]],
    ['Uint8Array', Uint8Array.of(0, 255), [0, 255]],
    ['Value[]', [Value(1), Value(-2.5)], [1, -2.5]],
    ['a mix of numbers and Values', [1, Value(2)], [1, 2]],
    ['a one-row Matrix', new Matrix(1, 3, [4, 5, 6]), [4, 5, 6]],
    ['a one-column Matrix', new Matrix(3, 1, [4, 5, 6]), [4, 5, 6]],
    ['a row Tensor', Tensor([7, 8]), [7, 8]],
    ['an empty array', [], []],
  ])('%s', (_, input, expected) => {
    expect(toNumbers(input, 'xs')).toEqual(expected)
    expect(seriesLength(input, 'xs')).toBe(expected.length)
  })

  it('keeps NaN and infinities (the page skips them)', () => {
    expect(toNumbers([NaN, Infinity], 'ys')).toEqual([NaN, Infinity])
  })

  it('copies: later changes to the input do not change what was read', () => {
    const a = [1, 2]
    const out = toNumbers(a, 'xs')
    a[0] = 9
    expect(out).toEqual([1, 2])
  })

  it('refuses what is not a list of numbers, saying what it got', () => {
    expect(() => toNumbers(new Matrix(2, 2), 'xs')).toThrow('xs: expected one row or one column, got a (2, 2) Matrix')
    expect(() => toNumbers(Tensor([[1, 2], [3, 4]]), 'ys')).toThrow('a (2, 2) Tensor')
    expect(() => toNumbers(5, 'xs')).toThrow(/xs: expected numbers .*got 5/)
    expect(() => toNumbers('abc', 'xs')).toThrow(/expected numbers/)
    expect(() => toNumbers([1, 'a'], 'ys')).toThrow(/ys: element 1 is .*a.*not a number or a Value/)
    expect(() => toNumbers([1, null], 'ys')).toThrow('element 1')
  })

  it('checks shapes without reading elements', () => {
    expect(seriesLength([1, 'x', {}], 'xs')).toBe(3)
  })
})

describe('oneTo and thin', () => {
  it('oneTo(n) is 1..n', () => {
    expect(oneTo(3)).toEqual([1, 2, 3])
    expect(oneTo(0)).toEqual([])
  })

  it('thin leaves short series alone', () => {
    const xs = [1, 2, 3], ys = [4, 5, 6]
    expect(thin(xs, ys, 3)).toEqual({ xs, ys })
  })

  it('thin keeps max evenly spaced points, the first and the last among them', () => {
    const xs = oneTo(1001), ys = xs.map((x) => x * 2)
    const t = thin(xs, ys, 11)
    expect(t.xs).toEqual([1, 101, 201, 301, 401, 501, 601, 701, 801, 901, 1001])
    expect(t.ys).toEqual(t.xs.map((x) => x * 2))
    expect(thin(oneTo(MAX_MARK_POINTS * 3), oneTo(MAX_MARK_POINTS * 3)).xs).toHaveLength(MAX_MARK_POINTS)
  })
})

describe('toImage: pixels and their shape', () => {
  it('a 1 x 784 row (an MNIST image) is 28 x 28', () => {
    const row = new Matrix(1, 784, Float64Array.from({ length: 784 }, (_, i) => i / 784))
    const img = toImage(row)
    expect([img.rows, img.cols]).toEqual([28, 28])
    expect(img.pixels).toHaveLength(784)
    expect(img.pixels[783]).toBeCloseTo(783 / 784)
  })

  it('a Matrix keeps its shape; number[][] gives rows; number[] is a square', () => {
    expect(toImage(new Matrix(2, 3, [1, 2, 3, 4, 5, 6]))).toEqual({ rows: 2, cols: 3, pixels: [1, 2, 3, 4, 5, 6] })
    expect(toImage([[1, 2, 3], [4, 5, 6]])).toEqual({ rows: 2, cols: 3, pixels: [1, 2, 3, 4, 5, 6] })
    expect(toImage([0, 1, 1, 0])).toEqual({ rows: 2, cols: 2, pixels: [0, 1, 1, 0] })
    expect(toImage(Tensor([[1, 2]]), { rows: 2 })).toEqual({ rows: 2, cols: 1, pixels: [1, 2] })
  })

  it('rows or cols reshape a flat list', () => {
    expect(toImage([1, 2, 3, 4, 5, 6], { cols: 3 })).toEqual({ rows: 2, cols: 3, pixels: [1, 2, 3, 4, 5, 6] })
    expect(toImage([1, 2, 3, 4, 5, 6], { rows: 3, cols: 2 }).rows).toBe(3)
  })

  it('says what is wrong with a shape', () => {
    expect(() => toImage([1, 2, 3])).toThrow('imshow: 3 pixels are not a square; pass { rows, cols } or a Matrix')
    expect(() => toImage([1, 2, 3, 4, 5, 6], { rows: 4 })).toThrow('6 pixels do not make 4 rows')
    expect(() => toImage([[1, 2], [3]])).toThrow('ragged rows')
    expect(() => toImage([])).toThrow('no pixels')
    expect(() => toImage(new Matrix(600, 2))).toThrow('larger than 512 x 512')
  })
})
