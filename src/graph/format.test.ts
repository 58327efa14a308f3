import { describe, expect, it } from 'vitest'
import { exact, hookText, isZero, nameOf, sameValue, short, tensorRows } from './format.ts'
import type { TensorValues } from '../protocol/messages.ts'

/** A small Tensor's values, every entry kept (as the worker sends Tensors of up to 400 entries). */
function tensorValues(rows: number, cols: number, data: number[]): TensorValues {
  return { rows, cols, min: Math.min(...data), max: Math.max(...data), mean: data.reduce((a, b) => a + b, 0) / data.length, grid: data, gridRows: rows, gridCols: cols, full: data }
}
import { cellText, heatColor, legendText, scaleMax } from './heatmap.ts'

describe('formatting', () => {
  it('shortens numbers for the cards', () => {
    expect([0, 1, -1.8427042527651991, 0.20683027474728832, 12, 2.5e-7, 123456789, -0.8, NaN, -Infinity].map((x) => short(x)))
      .toEqual(['0', '1', '−1.843', '0.2068', '12', '2.5e-7', '1.235e8', '−0.8', 'NaN', '−∞'])
  })

  it('writes the hooks as the contract says: String(x), or JSON rows for a Tensor', () => {
    expect(hookText(-1.8427042527651991)).toBe('-1.8427042527651991')
    expect(hookText(3)).toBe('3')
    const t = tensorValues(2, 2, [1, 2, 3, 4.5])
    expect(hookText(t)).toBe('[[1,2],[3,4.5]]')
    expect(tensorRows(t)).toEqual([[1, 2], [3, 4.5]])
    const big = { ...tensorValues(2, 2, [1, 2, 3, 4]), full: undefined, rows: 100, cols: 50 }
    expect(hookText(big)).toBe('Tensor 100×50: min 1, max 4, mean 2.5')
    expect(exact(t)).toBe('2×2, min 1, max 4.5, mean 2.625')
  })

  it('names nodes as the engine’s sentences do', () => {
    const base = { kind: 'value' as const, symbol: '', inputs: [], grad: 0 }
    expect(nameOf({ ...base, id: 3, label: 'w', op: '', data: 1 })).toBe('w')
    expect(nameOf({ ...base, id: 3, label: '', op: '', data: -1 })).toBe('(-1)')
    expect(nameOf({ ...base, id: 7, label: '', op: 'add', data: 1 })).toBe('n7')
  })

  it('compares values', () => {
    expect(sameValue(1, 1)).toBe(true)
    expect(sameValue(tensorValues(1, 2, [1, 2]), tensorValues(1, 2, [1, 2]))).toBe(true)
    expect(sameValue(tensorValues(1, 2, [1, 2]), tensorValues(1, 2, [1, 3]))).toBe(false)
    expect(isZero(tensorValues(1, 2, [0, 0]))).toBe(true)
  })
})

describe('heatmaps', () => {
  it('use a diverging scale centred on 0: red below, blue above', () => {
    const t = tensorValues(1, 3, [-2, 0, 1])
    expect(scaleMax(t)).toBe(2)
    const [neg, zero, pos] = t.grid.map((v) => heatColor(v, 2))
    const rgb = (c: string) => c.match(/\d+/g)!.map(Number)
    expect(rgb(neg)[0]).toBeGreaterThan(rgb(neg)[2])
    expect(rgb(pos)[2]).toBeGreaterThan(rgb(pos)[0])
    expect(Math.min(...rgb(zero))).toBeGreaterThan(230)
    expect(legendText(t)).toEqual(['−2', '+2'])
    expect(legendText(tensorValues(1, 1, [0]))).toEqual(['0', '0'])
  })

  it('say what a cell holds, exactly or as a block mean', () => {
    expect(cellText(tensorValues(2, 2, [1, 2, 3, 4]), 1, 0)).toBe('[2, 1] = 3')
    const summary = { rows: 48, cols: 48, min: 0, max: 1, mean: 0.5, grid: [0.25, 0.5, 0.75, 1], gridRows: 2, gridCols: 2 }
    expect(cellText(summary, 0, 1)).toBe('rows 1–24, columns 25–48: mean 0.5')
  })
})
