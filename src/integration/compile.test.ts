// compile(): cells compiled and run in Node with the real engine and the operators runtime, as the
// worker runs them (`new AsyncFunction('__sg', code)(runtime)`, runtime globals on globalThis).
import { parse } from 'acorn'
import { transform } from 'sucrase'
import { afterEach, describe, expect, it } from 'vitest'
import * as engine from '../engine/index.ts'
import { cellPositionFromStack, compile, measureLineOffset, toCellPosition, CELL_LINE_OFFSET, type CompileResult } from '../compiler/compile.ts'
import { NEURON, NEURON_BACKWARD, TENSOR_NETWORK, TENSOR_NETWORK_BACKWARD } from '../examples/usage.ts'
import { createRuntime } from '../runtime/operators.ts'

type CellFn = (rt: unknown) => Promise<unknown>
const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => CellFn

const installed = new Set<string>()
afterEach(() => {
  for (const name of installed) delete (globalThis as Record<string, unknown>)[name]
  installed.clear()
})

/** A notebook: runtime globals on globalThis, cells run in order, printed lines collected. */
function notebook() {
  const out: string[] = []
  const print = (...xs: unknown[]) => xs.map((x) => (typeof x === 'string' ? x : engine.show(x as never))).join('')
  const globals: Record<string, unknown> = { ...engine, println: (...xs: unknown[]) => out.push(print(...xs)) }
  for (const [k, v] of Object.entries(globals)) {
    Object.defineProperty(globalThis, k, { value: v, writable: true, configurable: true })
    installed.add(k)
  }
  const rt = createRuntime(globalThis)
  let n = 0
  return {
    out,
    async run(source: string) {
      const r = compiled(source, { sourceURL: `cell-${++n}.ts` })
      for (const name of r.declared) installed.add(name)
      await new AsyncFunction('__sg', r.code)(rt)
      return r
    },
  }
}

function compiled(source: string, opts = {}) {
  const r = compile(source, opts)
  if (!r.ok) throw new Error(`compile error ${r.error.line}:${r.error.column}: ${r.error.message}`)
  // The output is always a valid strict async function body.
  parse(`(async function (__sg) {${r.code}\n})`, { ecmaVersion: 'latest' })
  return r
}

async function output(...cells: string[]): Promise<string[]> {
  const nb = notebook()
  for (const c of cells) await nb.run(c)
  return nb.out
}

describe('operators mean SimpleGrad on Values and JavaScript on numbers', () => {
  it('the doc example runs as it reads', async () => {
    expect(await output(`
      const x = Value(6.0)
      const y = Value(2.0)
      const z = x * y
      backward(z)
      println(x.grad)   // 2.0
    `)).toEqual(['2.0'])
  })

  it('numbers keep their meaning', async () => {
    expect(await output(`println(String([6 ^ 3, 2 ** 10, 'a' + 1, 7 / 2, -(3), 5 % 3, (6 ^ 3) === 5]))`)).toEqual(['5,1024,a1,3.5,-3,2,true'])
    expect(await output(`const a: any = JSON.parse('6'), b: any = JSON.parse('3'); println(String([a ^ b, a ** b, -a, a + 'x', a - b, a * b, a / b]))`))
      .toEqual(['5,216,-6,6x,3,18,2'])
  })

  it('leaves provably numeric code alone', () => {
    const r = compiled(`
      const n = 1000, a = new Float64Array(n), b = new Float64Array(n)
      let s = 0
      for (let i = 0; i < n; i++) s += a[i] * b[i]
      const c = 6 ^ 3, d = 2 ** 10, e = -n, f = Math.sqrt(n) * a.length
      function dot(x: number[], y: Float64Array): number { let t = 0; for (let i = 0; i < x.length; i++) t += x[i] * y[i]; return t }
    `)
    expect(r.code).toContain('s += a[i] * b[i]')
    expect(r.code).toContain('const c = 6 ^ 3, d = 2 ** 10, e = -n, f = Math.sqrt(n) * a.length')
    expect(r.code).toContain('t += x[i] * y[i]')
    expect(r.code).not.toContain('__sg.label')
  })

  it('rewrites what may hold a node', () => {
    const r = compiled(`const u: number | Value = f(); const w = u * 2; let k = 0; k += f(); const m = -g(); h ^= 2`)
    expect(r.code).toContain('__sg.mul(u , 2, "w")')
    expect(r.code).toContain('k = __sg.add(k, f(), "k")')
    expect(r.code).toContain('__sg.neg(g(), "m")')
    expect(r.code).toContain('h = __sg.xor(h, 2, "h")')
  })

  it('a - b * s is one call, and computes what the two operators compute', async () => {
    const r = compiled(`const w = Tensor([[1.0, 2.0]]); w.data = w.data - w.grad * 0.5; const q = (w.data - (w.grad * 2)) - w.data * 3`)
    expect(r.code).toContain('w.data = __sg.subMul(w.data , w.grad , 0.5, "data")')
    // a parenthesized product stays a product; the outer `- w.data * 3` fuses
    expect(r.code).toContain('__sg.subMul((__sg.sub(w.data , (__sg.mul(w.grad , 2)))) , w.data , 3, "q")')
    expect(await output(`
      const x = Value(3.0)
      const y = x - x * 2.0
      backward(y)
      println(y, " ", x.grad)
      const m = Tensor([[1.0, 2.0]]).data - Tensor([[0.1, 0.2]]).data * 3
      println(m)
      const k = 1 - 2 * 3
      println(k)
    `)).toEqual(['Value(-3.0) -1.0', '[0.7 1.4]', '-5.0'])
  })

  it('^ and ** are powers of Values; ^= and **= too', async () => {
    expect(await output(`
      const x = Value(5.0)
      const y = 2
      const z = x^y
      println(z)
      backward(z)
      println(x.grad)
      let w = Value(3.0)
      w ^= 2
      let v = Value(2.0)
      v **= 3
      println(w, ' ', v, ' ', x ** 0.5)
    `)).toEqual(['Value(25.0)', '10.0', 'Value(9.0) Value(8.0) Value(2.23606797749979)'])
  })

  it('the seed: subtraction, division, exp, log and tanh', async () => {
    expect(await output(`
      let x = Value(10.0), y = Value(3.0)
      let z = x - y
      backward(z)
      println(z, ' ', x.grad, ' ', y.grad)
      x = Value(15.0); y = Value(5.0)
      z = x / y
      backward(z)
      println(z, ' ', x.grad, ' ', y.grad)
      x = Value(3.0)
      z = tanh(x)
      backward(z)
      println(z, ' ', x.grad)
    `)).toEqual(['Value(7.0) 1.0 -1.0', 'Value(3.0) 0.2 -0.6', 'Value(0.9950547536867305) 0.009866037165440211'])
  })

  it('the seed neuron, with operators, digit for digit', async () => {
    const nb = notebook()
    await nb.run(NEURON.source)
    await nb.run(NEURON_BACKWARD.source)
    expect(nb.out).toEqual([...NEURON.expected!, ...NEURON_BACKWARD.expected!])
    const g = globalThis as unknown as Record<string, engine.Value>
    expect(g.loss.data).toBe(0.20683027474728832)
    expect(g.weight1.grad).toBe(-1.8427042527651991)
  })

  it('the seed two-layer network, with operators, digit for digit', async () => {
    expect(await output(TENSOR_NETWORK.source, TENSOR_NETWORK_BACKWARD.source)).toEqual([...TENSOR_NETWORK.expected!, ...TENSOR_NETWORK_BACKWARD.expected!])
  })

  it('Matrices: an SGD step reads as it is written', async () => {
    expect(await output(`
      const w = Tensor([[1.0, 2.0]])
      backward(sum(w * 3))
      w.data = w.data - w.grad * 0.5
      println(w.data)
      const m = Matrix.from([[1, 2], [3, 4]])
      println(-m, ' ', m * m, ' ', 2 * m / 4)
    `)).toEqual(['[-0.5 0.5]', '[-1.0 -2.0; -3.0 -4.0] [7.0 10.0; 15.0 22.0] [0.5 1.0; 1.5 2.0]'])
  })

  it('strings keep JavaScript meaning with nodes', async () => {
    expect(await output(`const loss = Value(0.5); const s = 'loss: ' + loss; const t = \`\${loss}\`; println(s, ' ', t)`))
      .toEqual(['loss: Value(0.5) Value(0.5)'])
  })

  it('mixing a Value and a Tensor is an error that names both', async () => {
    await expect(output(`const x = Value(1), t = Tensor([1, 2]); const y = x * t`)).rejects.toThrow('cannot apply * to a Value and a Tensor')
  })
})

describe('compound assignment', () => {
  it('loss += ... accumulates and labels the new node', async () => {
    const nb = notebook()
    await nb.run(`
      const m = Value(2.0)
      let loss = Value(0)
      for (const x of [1, 2, 3]) loss += (m * x - 1) ^ 2
      backward(loss)
      println(loss, ' ', m.grad)
    `)
    expect(nb.out).toEqual(['Value(35.0) 44.0'])
    expect((globalThis as unknown as { loss: engine.Value }).loss.label).toBe('loss')
  })

  it('evaluates the object and the key once, in JavaScript order', async () => {
    const source = `
      const log: string[] = []
      const o: any = { x: 1, list: [10, 20] }
      const obj = () => { log.push('obj'); return o }
      const key = () => { log.push('key'); return 'x' }
      const val = () => { log.push('val'); o.x = 100; return 1 }
      obj()[key()] += val()
      let i = 0
      o.list[i++] *= 3
      obj().x -= (log.push('rhs'), 1)
      const bump = (p: any) => p.list[p.x++ - 1] += 5
      bump(o)
      println(JSON.stringify([log, o, i]))
    `
    const compiledOut = await output(source)
    expect(compiledOut).toEqual(await plain(source))
    expect(compiledOut).toEqual(['[["obj","key","val","obj","rhs"],{"x":2,"list":[35,20]},1]'])
  })

  it('member targets hold nodes too', async () => {
    expect(await output(`
      const p = { w: Value(1.0), list: [Value(1.0)] }
      p.w += 2
      p.list[0] *= Value(4.0)
      const f = () => p
      f().w -= 1
      println(p.w, ' ', p.list[0])
    `)).toEqual(['Value(2.0) Value(4.0)'])
  })

  it('works inside functions, arrows, methods and class blocks', async () => {
    expect(await output(`
      function f(o: any) { 'use strict'; o[g()] += Value(1); return o }
      const g = () => 'k'
      class C { static n = 0; static { const o: any = { k: 1 }; o[g()] += 1; C.n = o.k } m(o: any) { return o.arr[o.i++] += 1 } }
      println(f({ k: Value(1) }).k, ' ', C.n, ' ', new C().m({ arr: [5], i: 0 }))
    `)).toEqual(['Value(2.0) 2.0 6.0'])
  })
})

describe('numbers and strings behave exactly as uncompiled JavaScript', () => {
  const programs = [
    `let a = 6, b = 3; const o: any = { x: 1, y: [1, 2, 3] }; let i = 0
     o.y[i++] += 5; o.x *= 3; o['x'] -= 1; a ^= b; b **= 2; a /= 2
     const f = (x: any) => x * 2 - (-x) ** 2; const g = function* () { yield 1 + 2; yield -3 }
     class K { #p = 2; static s = 3 * 4; get p() { return this.#p * 10 } bump() { this.#p += 1; return this } }
     println(JSON.stringify([a, b, o, i, f(3), [...g()], new K().bump().p, K.s, 7 % 3, 2 ** -1, -(-4), +'5' + 1, typeof (1 + 1)]))`,
    `let s = ''; for (const w of ['a', 'b']) s += w + 1; let t = 0; for (const k in { p: 1, q: 2 }) t += k.length
     label1: for (let i = 0; i < 3; i++) { for (let j = 0; j < 3; j++) { if (j === 1) continue label1; t += i * j + 1 } }
     switch (t % 3) { case 0: t -= 1; break; default: t += 10 }
     try { throw new Error('x' + t) } catch ({ message }) { s += message }
     const { u = 2 * 3, ...rest } = { v: 1 } as any; const [p = 4 - 1, , q = -2] = [undefined, 0]
     println(JSON.stringify([s, t, u, rest, p, q, \`\${1 + 2}-\${t * 2}\`, 1e3 / 8, 0.1 + 0.2]))`,
    `async function h(x: any) { return (await x) * 2 }
     const r = await h(Promise.resolve(21)) + 0.5; let n: any = 10; n -= r; n *= -1
     const arr = [1, 2, 3].map((v, k) => v * k + (k ? -v : v)); const obj = { m(z: number) { return z - 1 }, ['k' + 1]: 2 ** 3 }
     let c = 0; const counter = { get v() { c += 1; return 5 }, set v(z) { c += 10 } }; counter.v += 1
     const big = 2n ** 64n - 1n; let acc: any = 'x'; acc -= 1; const d = new Date(0); const dd = d - 0 + 1
     println(JSON.stringify([r, n, arr, obj.m(3), obj.k1, c, String(big), acc, dd]))`,
    `let x = 1
     x
       *= 2 /* a comment
     across lines */ + 3
     const y = x
       ^ 6 // xor
     const z = [x, y].reduce((s, v) => s - v, 0) / -2
     println(JSON.stringify([x, y, z]))`,
  ]

  it.each(programs.map((p, i) => [i, p]))('program %i', async (_, source) => {
    const compiledOut = await output(source)
    expect(compiledOut).toEqual(await plain(source))
    const r = compiled(source)
    expect(r.code.split('\n').length).toBe(source.split('\n').length)
  })
})

describe('labels', () => {
  it('a declaration or assignment labels the node it names, once', async () => {
    const nb = notebook()
    await nb.run(`
      const weight1 = Value(-0.8)
      const alias = weight1
      const [a, b] = [Value(1), Value(2)]
      let z = Value(3)
      z = z * 2
      const prod = a * b
      const n = 3
    `)
    const g = globalThis as unknown as Record<string, engine.Value>
    expect([g.weight1.label, g.alias.label, g.a.label, g.b.label, g.z.label, g.prod.label, g.n]).toEqual(['weight1', 'weight1', 'a', 'b', 'z', 'prod', 3])
  })

  it('fields and properties label by their name', async () => {
    const nb = notebook()
    await nb.run(`class Neuron { w = Value(0.5); b: Value; constructor() { this.b = Value(0.1) } }\nconst n = new Neuron()\nconst model: any = {}\nmodel.out = n.w * 2`)
    const g = globalThis as unknown as Record<string, { w: engine.Value; b: engine.Value; out: engine.Value }>
    expect([g.n.w.label, g.n.b.label, g.model.out.label]).toEqual(['w', 'b', 'out'])
  })

  it('the neuron graph speaks the snippet\'s words', async () => {
    const nb = notebook()
    await nb.run(NEURON.source)
    const g = globalThis as unknown as Record<string, engine.Value>
    expect([g.loss.label, g.y_pred.label, g.bias.label, g.y_true.label]).toEqual(['loss', 'y_pred', 'bias', 'y_true'])
  })
})

describe('the notebook scope', () => {
  it('later cells read, assign and redeclare top-level names', async () => {
    expect(await output(
      `let x = 1; const k = Value(2); function f() { return x * 10 } class Box { v = k }; let s = 0; for (let i = 0; i < 4; i++) s += i`,
      `x = x + 1; println(x, ' ', f(), ' ', s, ' ', new Box().v, ' ', Math.max(1, 2))`,
      `let x = 'again'; s = 10; println(x, ' ', f())`,
      `const k = 5; println(k, ' ', s)`,
      `var s = s + 1; println(s)`,
    )).toEqual(['2.0 20.0 6.0 Value(2.0) 2.0', 'again 20.0', '5.0 10.0', '11.0'])
  })

  it('a const cannot be assigned from a later cell', async () => {
    const nb = notebook()
    await nb.run(`const k = 1; const fk = () => k`)
    await expect(nb.run(`k = 2`)).rejects.toThrow(/read only property 'k'/)
    await nb.run(`const k = 3; println(k, fk())`)
    expect(nb.out).toEqual(['3.01.0'])
  })

  it('a statement that throws still hands its assignments to later cells', async () => {
    const nb = notebook()
    await expect(nb.run(`let t = 0\nfor (let i = 0; i < 5; i++) { t += 1; if (i === 2) throw new Error('stop') }`)).rejects.toThrow('stop')
    await nb.run(`println(t)`)
    expect(nb.out).toEqual(['3.0'])
  })

  it('reports what a cell declares', () => {
    expect(compiled(`const a = 1; let [b, { c }] = [2, { c: 3 }]; function d() {} class E {} for (var i = 0; i < 1; i++) {} { let hidden = 1 }`).declared)
      .toEqual(['a', 'b', 'c', 'd', 'E', 'i'])
  })

  it('top-level await works', async () => {
    expect(await output(`const v = await Promise.resolve(Value(3.0)); for await (const k of [1, 2]) println(v * k)`)).toEqual(['Value(3.0)', 'Value(6.0)'])
  })

  it('TypeScript is stripped: types, interfaces, enums, generics, casts', async () => {
    expect(await output(`
      interface P { w: Value }
      type N = number
      enum Dir { Up, Down }
      const id = <T,>(x: T): T => x
      const p: P = { w: Value(2.0) as Value }
      const n: N = id<number>(3)!
      println(p.w * n, ' ', Dir.Down)
    `)).toEqual(['Value(6.0) 1.0'])
  })
})

describe('positions', () => {
  it('a runtime error maps to the cell line and column', async () => {
    const source = 'const a: Value = Value(1)\nconst t: Tensor = Tensor([1, 2])\nconst bad: Value = a * t\n'
    const nb = notebook()
    const error = await nb.run(source).then(() => null, (e: Error) => e)
    expect(error?.message).toBe('cannot apply * to a Value and a Tensor')
    const r = compiled(source, { sourceURL: 'cell-1.ts' })
    expect(cellPositionFromStack(error!.stack!, r.map, 'cell-1.ts')).toEqual({ line: 3, column: source.split('\n')[2].indexOf('*') + 1 })
  })

  it('maps frames in functions, and columns after stripped types', async () => {
    const source = 'function f(o: { x: { y: number } } | null): number {\n  return (o as any).x.y\n}\nconst r: number = f({ x: null } as any)\n'
    const nb = notebook()
    const error = await nb.run(source).then(() => null, (e: Error) => e)
    const r = compiled(source, { sourceURL: 'cell-1.ts' })
    expect(cellPositionFromStack(error!.stack!, r.map, 'cell-1.ts')).toEqual({ line: 2, column: source.split('\n')[1].lastIndexOf('y') + 1 })
  })

  it('the line offset of AsyncFunction bodies is what the map assumes', () => {
    expect(measureLineOffset()).toBe(CELL_LINE_OFFSET)
  })

  it('maps every compiled column back into the cell line', () => {
    const source = 'const w: Value = Value(1); let loss: Value = Value(0)\nloss += (w * 2 - 1) ^ 2; o[f()] += w'
    const r = compiled(source)
    const mul = r.code.split('\n')[1].indexOf('__sg.mul')
    expect(toCellPosition(r.map, 2, mul + 1)).toEqual({ line: 2, column: source.split('\n')[1].indexOf('*') + 1 })
    const lossAt = r.code.split('\n')[0].indexOf('loss')
    expect(toCellPosition(r.map, 1, lossAt + 1)).toEqual({ line: 1, column: source.indexOf('loss') + 1 })
    expect(r.code.split('\n').length).toBe(2)
  })

  it.each([
    ['const x = (1 +\n', 2, 1],
    ['const a: number = 1\nlet b = a +* 2', 2, 12],
    ['const a: number = 1\nwith (a) {}', 2, 1],
    ['const a = 1\n  return a', 2, 3],
    ['\n  import { x } from "y"', 2, 3],
    ['let y = 1\nconst __sg = 2', 2, 7],
  ])('a syntax error reports the cell line and column: %j', (source, line, column) => {
    const r = compile(source) as Extract<CompileResult, { ok: false }>
    expect(r.ok).toBe(false)
    expect([r.error.line, r.error.column]).toEqual([line, column])
    expect(r.error.message).not.toMatch(/\(\d+:\d+\)$/)
  })

  it('warns where ^ binds more loosely than it reads', () => {
    const r = compiled('const x = Value(1), y = Value(2)\nconst r = x^2 + y^2\nconst ok = (x^2) + (y^2), bits = 6 ^ 3, m = -(x^2)')
    expect(r.warnings.map((w) => [w.line, w.column])).toEqual([[2, 12]])
    expect(r.warnings[0].message).toContain('x ^ (2 + y) ^ 2')
  })
})

/** The same source without the rewrite: types stripped, run as plain JavaScript. */
async function plain(source: string): Promise<string[]> {
  const out: string[] = []
  const js = transform(source, { transforms: ['typescript'] }).code
  const println = (...xs: unknown[]) => out.push(xs.join(''))
  await new AsyncFunction('println', js)(println as never)
  return out
}

