import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { testNotebook } from './test-service.ts'

// The shipped examples are checked whole in src/integration/examples-typecheck.test.ts.
describe('cells, checked with the engine and the notebook above them', () => {
  it.each([
    ['const x = Value(6.0)\nconst y = Value(2.0)\nconst z = x * y', 'z =', 'const z: Value'],
    ['const a = Tensor([[1, 2], [3, 4]])\nconst b = Tensor([1, 2], { column_vector: true })\nconst t = a * b', 't =', 'const t: Tensor'],
    ['const a = Tensor([1, 2])\nconst t = a + a - a', 't =', 'const t: Tensor'],
    ['const a = Tensor([1, 2])\nconst t = 2 * a / 4', 't =', 'const t: Tensor'],
    ['const m = zeros(2, 2) - ones(2, 2)', 'm =', 'const m: Matrix'],
    ['const m = ones(2, 2) * 0.5 + 1', 'm =', 'const m: Matrix'],
    ['const x = Value(2)\nconst p = x ^ 2', 'p =', 'const p: Value'],
    ['const x = Value(2)\nconst p = x ** 2', 'p =', 'const p: Value'],
    ['const x = Value(2)\nconst p = 2 ^ x', 'p =', 'const p: Value'],
    ['const x = Value(2)\nconst n = -x', 'n =', 'const n: Value'],
    ['const x = Value(2)\nlet loss = Value(0)\nloss += (x - 1)^2\nconst after = loss', 'after =', 'const after: Value'],
    ['const k = 6 ^ 3', 'k =', 'const k: number'],
    ['const s = "x = " + Value(1)', 's =', 'const s: string'],
    ['const n = 1 + 2 * 3', 'n =', 'const n: number'],
  ])('%s: %s has its type', (source, at, expected) => {
    expect(testNotebook([source]).hover(0, at)).toBe(expected)
  })

  it('sees the names of earlier cells, and a name declared again has its new type there', () => {
    const nb = testNotebook(['const x = Value(4.0)\nconst w = x * 2', 'const x = Tensor([2.0, 3.0])\nconst t = x * 2', 'const u = x + t\nconst v = w ^ 2'])
    expect([nb.errors(0), nb.errors(1), nb.errors(2)]).toEqual([[], [], []])
    expect(nb.hover(1, 't =')).toBe('const t: Tensor')
    expect(nb.hover(2, 'u =')).toBe('const u: Tensor')
    expect(nb.hover(2, 'v =')).toBe('const v: Value')
    // A later cell's names are not known above it.
    expect(testNotebook(['println(later)', 'const later = 1']).errors(0)).toEqual(["1:9 Cannot find name 'later'."])
  })

  it('follows edits of an earlier cell', () => {
    const nb = testNotebook(['const a = Value(1)', 'const b = a * 2'])
    expect(nb.hover(1, 'b =')).toBe('const b: Value')
    nb.edit(0, 'const a = Tensor([1.0])')
    expect(nb.hover(1, 'b =')).toBe('const b: Tensor')
  })

  it('says which operator does not apply, where it is written', () => {
    const nb = testNotebook(['const v = Value(1)\nconst t = Tensor([1.0])\nconst bad = v * t\nconst worse = -[1]\nlet s = 0\ns += v'])
    expect(nb.errors(0)).toEqual([
      "3:13 Operator '*' cannot be applied to types 'Value' and 'Tensor'.",
      "4:15 Operator '-' cannot be applied to type 'number[]'.",
      "6:1 Type 'Value' is not assignable to type 'number'.",
    ])
  })

  it('reports a mistake in a compound assignment once, at its place', () => {
    expect(testNotebook(['missing += 1']).errors(0)).toEqual(["1:1 Cannot find name 'missing'."])
  })

  it('takes syntax errors from the cell as written', () => {
    expect(testNotebook(['const x = Value(1\nconst y = 2']).errors(0)).toEqual(["2:1 ',' expected."])
  })
})

describe('editor features in a cell', () => {
  const nb = testNotebook(['const weight = Value(0.5)', 'const out = tanh(weight * 2)\nconst d = weight.'])
  const uri = nb.uris[1]
  const text = 'const out = tanh(weight * 2)\nconst d = weight.'

  it('completes names of earlier cells and members of Values, without the operator functions', () => {
    const globals = nb.features.completions(uri, text.indexOf('weight *'))!.entries.map((e) => e.name)
    expect(globals).toEqual(expect.arrayContaining(['weight', 'Value', 'backward', 'println']))
    expect(globals.filter((n) => n.startsWith('__op_'))).toEqual([])
    const members = nb.features.completions(uri, text.length)!.entries.map((e) => e.name)
    expect(members.sort()).toEqual(['add', 'data', 'div', 'exp', 'grad', 'log', 'mul', 'neg', 'pow', 'relu', 'sigmoid', 'sub', 'tanh'])
  })

  it('offers a Tensor its data, grad, shape and methods, not the graph internals', () => {
    const t = testNotebook(['const t = Tensor([1, 2])\nt.'])
    const members = t.features.completions(t.uris[0], 'const t = Tensor([1, 2])\nt.'.length)!.entries.map((e) => e.name)
    expect(members.sort()).toEqual(['add', 'data', 'element_mul', 'grad', 'matmul', 'mul', 'neg', 'relu', 'shape', 'sub', 'sum'])
  })

  it.each([
    ['weight.data', 'weight.', 'The number this Value holds'],
    ['weight.grad', 'weight.', 'filled in by `backward(root)`'],
    ['weight.tanh()', 'weight.', "SimpleGrad's tanh"],
    ['Tensor([1]).grad', 'Tensor([1]).', 'filled in by `backward(root)`'],
    ['backward(weight)', '', 'Fills in `grad` of every node'],
    ['softmax_crossentropy(Tensor([1, 2]), [[0, 1]])', '', 'the mean over rows'],
    ['matmul(Tensor([1]), Tensor([2]))', '', '(m, k) times (k, n)'],
  ])('hovering %s shows its doc comment', (code, prefix, doc) => {
    const cell = testNotebook(['const weight = Value(0.5)', `const use = ${code}`])
    const info = cell.features.quickInfo(cell.uris[1], `const use = ${prefix}`.length + 1)!
    expect(ts.displayPartsToString(info.documentation)).toContain(doc)
  })

  it('shows the doc comments of the engine', () => {
    const info = nb.features.quickInfo(uri, text.indexOf('tanh'))!
    expect(ts.displayPartsToString(info.documentation)).toContain("SimpleGrad's tanh")
    expect(text.slice(info.textSpan.start, info.textSpan.start + info.textSpan.length)).toBe('tanh')
  })

  it('gives the help of the call around an operator', () => {
    const help = nb.features.signatureHelp(uri, text.indexOf('* 2') + 2)!
    expect(ts.displayPartsToString(help.items[help.selectedItemIndex].prefixDisplayParts)).toBe('tanh(')
  })

  it('finds the definition of a name in the earlier cell that declares it', () => {
    const [def] = nb.features.definitions(uri, text.indexOf('weight'))!
    expect(def.fileName).toBe(nb.uris[0])
    expect(def.textSpan).toEqual({ start: 'const '.length, length: 'weight'.length })
  })
})
