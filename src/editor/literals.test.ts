// Which numbers a cell has, how they step, and which one made a leaf of the graph.
import { describe, expect, it } from 'vitest'
import { findLeafLiteral, nudged, numberAt, numbersIn } from './literals.ts'

const texts = (s: string) => numbersIn(s).map((n) => n.text)

describe('number literals', () => {
  it('finds decimal literals with their sign, and not those in names, strings, comments or other bases', () => {
    const src = 'const x1 = Value(-2.0) // 3.0\nconst y = x1 - 4 * .5 + f(1e3, 0x1F, "7", `8`, a.b2)\n/* 9 */ z = [-1, 2]'
    expect(texts(src)).toEqual(['-2.0', '4', '.5', '-1', '2'])
  })

  it('steps by one unit of the last digit and keeps the decimals', () => {
    const n = numberAt('Value(2.0)', 7)!
    expect(n).toMatchObject({ text: '2.0', step: 0.1, decimals: 1 })
    expect(nudged(n, 3)).toBe('2.3')
    expect(nudged(n, -21)).toBe('-0.1')
    expect(nudged(n, -20)).toBe('0.0')
    expect(nudged(numberAt('f(3)', 2)!, 10)).toBe('13')
    expect(nudged(numberAt('f(0.05)', 2)!, 1)).toBe('0.06')
  })

  it('finds the literal behind a graph leaf by line, by name, or by value', () => {
    const src = 'const x = Value(2.0)\nconst y = Value(3.0)\nconst z = x * y + Value(5.0)'
    expect(findLeafLiteral(src, { label: 'y', data: 3 })?.start).toBe(src.indexOf('3.0'))
    expect(findLeafLiteral(src, { label: '', data: 5 })?.text).toBe('5.0')
    expect(findLeafLiteral(src, { label: '', data: 2, line: 1 })?.text).toBe('2.0')
    expect(findLeafLiteral(src, { label: 'w', data: 7 })).toBeNull()
  })
})
