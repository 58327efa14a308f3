import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { rewriteOperators } from './op-rewrite.ts'

const rw = (s: string) => rewriteOperators(ts, s)

describe('rewriteOperators', () => {
  it.each([
    ['const z = x * y', 'const z = __op_mul(x, y)'],
    ['a * b + c', '__op_add(__op_mul(a, b), c)'],
    ['a + b * c', '__op_add(a, __op_mul(b, c))'],
    ['x ** 2 / y', '__op_div(__op_pow(x, 2), y)'],
    ['const loss = (y_pred - y_true)^2', 'const loss = __op_xor((__op_sub(y_pred, y_true)), 2)'],
    ['-x * y', '__op_mul(__op_neg(x), y)'],
    ['- (a*b)', '__op_neg((__op_mul(a, b)))'],
    ['loss += (pred - skill)^2', 'loss = __op_add(loss, __op_xor((__op_sub(pred, skill)), 2))'],
    ['w.data -= w.grad * lr', 'w.data = __op_sub(w.data, __op_mul(w.grad, lr))'],
    ['s **= 2; t ^= 1; u /= 3; v *= 4', 's = __op_pow(s, 2); t = __op_xor(t, 1); u = __op_div(u, 3); v = __op_mul(v, 4)'],
    ['f(a * b, -c)', 'f(__op_mul(a, b), __op_neg(c))'],
    ['a /* c */ * b', '__op_mul(a, b)'],
  ])('%s', (source, expected) => {
    expect(rw(source).text).toBe(expected)
  })

  it('leaves what is not an operator on a value alone', () => {
    for (const s of ['const k = -1', 'let n = -2n', 'type T = -1', 'enum E { A = 1 + 2, B = A * 2 }', 'i++; j--; k % 2; a < b', 'const s = `${a}`']) {
      expect(rw(s).text).toBe(s)
    }
  })

  it('records each operator call, in the cell and in the generated text', () => {
    const r = rw('const loss = (y_pred - y_true)^2\nloss2 += x')
    const calls = r.calls.map((c) => [c.op, r.text.slice(c.genStart, c.genEnd)])
    expect(calls).toEqual([
      ['^', '__op_xor((__op_sub(y_pred, y_true)), 2)'],
      ['-', '__op_sub(y_pred, y_true)'],
      ['+=', '__op_add(loss2, x)'],
    ])
    const src = 'const loss = (y_pred - y_true)^2\nloss2 += x'
    expect(r.calls.map((c) => src.slice(c.start, c.end))).toEqual(['(y_pred - y_true)^2', 'y_pred - y_true', 'loss2 += x'])
  })

  it('maps the start and the end of every identifier to the same identifier', () => {
    const src = 'const y_pred = tanh(input1*weight1 + input2*weight2 + bias)\nloss += -(y_pred - y_true)^2\nm.data -= m.grad * lr'
    const r = rw(src)
    for (const m of src.matchAll(/[A-Za-z_][\w]*/g)) {
      const start = m.index, end = m.index + m[0].length
      const g = r.map.toGenerated(start), gEnd = r.map.toGenerated(end)
      expect(r.text.slice(g, gEnd), `${m[0]} at ${start}`).toBe(m[0])
      expect(r.map.toOriginal(g, 'start')).toBe(start)
      expect(r.map.toOriginal(gEnd, 'end')).toBe(end)
    }
  })

  it('maps an operator call back to the whole expression', () => {
    const src = 'const z = x * y + 1'
    const r = rw(src)
    for (const c of r.calls) {
      const start = r.map.toOriginal(c.genStart, 'start'), end = r.map.toOriginal(c.genEnd, 'end')
      expect([start, end]).toEqual([c.start, c.end])
    }
    // Inside the operator token: its place in the generated text, and back to the token's range.
    const star = src.indexOf('*')
    expect(r.map.toOriginal(r.map.toGenerated(star + 1), 'start')).toBeLessThanOrEqual(star)
  })

  it('maps positions monotonically, also in unfinished code', () => {
    for (const src of ['tanh(x * )', 'const a = b +', 'x -= ', 'f(-', 'a * (b +']) {
      const r = rw(src)
      let last = -1
      for (let o = 0; o <= src.length; o++) {
        const g = r.map.toGenerated(o)
        expect(g).toBeGreaterThanOrEqual(last)
        expect(g).toBeLessThanOrEqual(r.text.length)
        last = g
      }
    }
  })

  it('puts a cursor at the end of an operand before the closing parenthesis (for completions)', () => {
    const src = 'const z = a * x.da'
    const r = rw(src)
    expect(r.text).toBe('const z = __op_mul(a, x.da)')
    expect(r.text.slice(0, r.map.toGenerated(src.length))).toBe('const z = __op_mul(a, x.da')
  })
})
