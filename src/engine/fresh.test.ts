// The churn that brings V8's minor collections forward in Chromium (fresh.ts): off by default,
// made only beside large arrays, in proportion to their size, and never a change to a number.
import { afterEach, describe, expect, it } from 'vitest'
import { churnCount, setFreshMemoryChurn } from './fresh.ts'
import { Matrix } from './matrix.ts'

afterEach(() => setFreshMemoryChurn(0))

describe('fresh memory churn', () => {
  it('is off by default: a large Matrix makes nothing else', () => {
    const before = churnCount()
    new Matrix(100, 784)
    expect(churnCount()).toBe(before)
  })

  it('makes about `ratio` bytes of short-lived arrays per byte of a large array, none for a small one', () => {
    setFreshMemoryChurn(1)
    let before = churnCount()
    const m = new Matrix(784, 128) // 802,816 bytes: 1,568 arrays of 512
    expect(churnCount() - before).toBe(1568)
    before = churnCount()
    new Matrix(10, 10)
    expect(churnCount()).toBe(before)
    before = churnCount()
    m.subScaled(m, 0.5) // its result is a new large array too
    expect(churnCount() - before).toBe(1568)
    setFreshMemoryChurn(0.5)
    before = churnCount()
    new Matrix(784, 128)
    expect(churnCount() - before).toBe(784)
  })

  it('makes at most 4 MiB of them for one array, however large', () => {
    setFreshMemoryChurn(8)
    const before = churnCount()
    new Matrix(1000, 1000) // 8 MB, 64 MB at 8 bytes per byte
    expect(churnCount() - before).toBe(8192)
  })

  it('changes no number', () => {
    setFreshMemoryChurn(2)
    const a = Matrix.from([[1, 2], [3, 4]])
    const big = new Matrix(100, 100).fill(0.25)
    expect(big.subScaled(big, 2).sum()).toBe(-2500)
    expect(a.subScaled(a, 0.1).toArray()).toEqual([[1 - 0.1, 2 - 2 * 0.1], [3 - 3 * 0.1, 4 - 4 * 0.1]])
  })

  it('takes ratios from 0 to 8 only', () => {
    for (const bad of [-1, 9, NaN, Infinity]) expect(() => setFreshMemoryChurn(bad)).toThrow('a ratio from 0 to 8')
  })
})
