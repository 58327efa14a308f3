import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { flattenDeclarations } from './dts-flatten.ts'
import { OPERATORS_DTS, RUNTIME_DTS } from './snippet-lib.ts'
import { ENGINE_GLOBALS } from '../runtime/globals.ts'
import { engineDeclarations } from './test-service.ts'

const libs = new Map<string, ts.SourceFile | undefined>()

/** Type-checks declarations plus a snippet; returns the errors. */
function check(declarations: string, snippet = ''): string[] {
  const files = new Map([['/lib.d.ts', declarations], ['/snippet.ts', `${snippet}\nexport {}\n`]])
  const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'], types: [] }
  const host = ts.createCompilerHost(options)
  const read = host.readFile
  host.readFile = (f) => files.get(f) ?? read(f)
  host.fileExists = (f) => files.has(f) || ts.sys.fileExists(f)
  const getSourceFile = host.getSourceFile
  // TypeScript's own lib files are parsed once for all checks (they are most of a check's work).
  host.getSourceFile = (f, v) => {
    if (files.has(f)) return ts.createSourceFile(f, files.get(f)!, v)
    if (!libs.has(f)) libs.set(f, getSourceFile(f, v))
    return libs.get(f)
  }
  const program = ts.createProgram([...files.keys()], options, host)
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '))
}

/** The engine's exports, as values (`export { x }`) and types (`export { type X }`, `export type X =`). */
function engineExports(): { values: string[]; types: string[] } {
  const sf = ts.createSourceFile('index.ts', ts.sys.readFile(`${process.cwd()}/src/engine/index.ts`)!, ts.ScriptTarget.Latest)
  const values: string[] = [], types: string[] = []
  for (const s of sf.statements) {
    if (ts.isExportDeclaration(s) && s.exportClause && ts.isNamedExports(s.exportClause)) {
      for (const e of s.exportClause.elements) (s.isTypeOnly || e.isTypeOnly ? types : values).push(e.name.text)
    } else if (ts.isTypeAliasDeclaration(s) && s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) types.push(s.name.text)
  }
  return { values, types }
}

describe('flattenDeclarations', () => {
  const files = new Map([
    ['/e/node.ts', 'export declare class Thing {\n    size: number;\n    private secret;\n    constructor(size: number);\n    static make(): Thing;\n}\nexport declare function helper(t: Thing): Thing;\n'],
    ['/e/thing.ts', "import { Thing } from './node.ts';\nexport type Size = number;\ndeclare module './node.ts' {\n    interface Thing {\n        /** doubled */\n        twice(): Thing;\n        grow(by: Size): Thing;\n    }\n}\nexport interface ThingConstructor {\n    (size: number): Thing;\n}\n/** Makes a Thing. */\nexport declare const Thing: ThingConstructor;\nexport declare const helper: (a: Thing) => Thing;\n"],
    ['/e/index.ts', "export { Thing, type ThingConstructor } from './thing.ts';\nexport { Thing as ThingNode } from './node.ts';\nimport type { Thing as T } from './node.ts';\n/** A thing. */\nexport type Thing = T;\n"],
  ])
  const out = flattenDeclarations(ts, files, '/e/index.ts')
  check('') // parses TypeScript's lib files for every later check, while the tests are collected

  it('names the class after the exported type, as an interface that merges with the value', () => {
    expect(out).toContain('/** A thing. */\ninterface Thing {\n    size: number;\n}')
    expect(out).toContain('/** Makes a Thing. */\ndeclare const Thing: ThingConstructor;')
    expect(out).not.toMatch(/secret|static|constructor\(size/)
  })

  it('merges module augmentations, with their doc comments and their own module names', () => {
    expect(out).toContain('interface Thing {\n    /** doubled */\n    twice(): Thing;\n    grow(by: Size): Thing;\n}')
    expect(out).toContain('type Size = number;')
  })

  it('keeps other names for the class as aliases, and leaves out what the exports do not need', () => {
    expect(out).toContain('type ThingNode = Thing\ndeclare const ThingNode: { new (size: number): Thing; readonly prototype: Thing }')
    expect(out).not.toContain('helper')
    expect(check(out, 'const t: Thing = Thing(2)\nconst u: ThingNode = new ThingNode(3).twice().grow(1)\nconst n: number = t.size + u.size')).toEqual([])
  })
})

describe('the engine declarations', () => {
  const dts = engineDeclarations()

  it('declare the snippet globals of the engine and every type it exports, and no other value', () => {
    const { values, types } = engineExports()
    expect(values).toEqual(expect.arrayContaining([...ENGINE_GLOBALS]))
    expect(types).toEqual(expect.arrayContaining(['Value', 'Tensor']))
    const others = values.filter((n) => !(ENGINE_GLOBALS as readonly string[]).includes(n))
    expect(others).toEqual(expect.arrayContaining(['topo', 'opInfo', 'formatFloat', 'setBackwardObserver', 'ValueNode']))
    const snippet = [...ENGINE_GLOBALS.map((n) => `void ${n}`), ...types.map((n, i) => `type Use${i} = ${n}`), ...others.map((n) => `void ${n}`)].join('\n')
    // one program for both halves: the globals and types check, every other value is unknown
    expect(check(dts, snippet)).toEqual(others.map((n) => `Cannot find name '${n}'.`))
  })

  it('leave the graph internals of Values and Tensors out', () => {
    const fields = ['a', 'b', 'k', 'op', 'mark', 'label', 'aux', 'aux2', 'pending', '_grad']
    const uses = fields.flatMap((f) => [`void v.${f}`, `void t.${f}`])
    expect(check(dts, `declare const v: Value\ndeclare const t: Tensor\n${uses.join('\n')}`))
      .toEqual(fields.flatMap((f) => ['Value', 'Tensor'].map((type) => `Property '${f}' does not exist on type '${type}'.${f === '_grad' ? " Did you mean 'grad'?" : ''}`)))
  })

  it('make Value and Tensor both constructors and the types of their instances', () => {
    expect(dts).toMatch(/\ninterface Value \{/)
    expect(dts).toMatch(/\ndeclare const Value: ValueConstructor;/)
    expect(dts).toMatch(/\ninterface Tensor \{/)
    expect(dts).not.toMatch(/\bValueNode\b/) // not a snippet global: the class is declared as Value
    expect(check(dts, 'const v: Value = Value(1)\nconst w: Value = new Value(2).mul(v)\nconst t: Tensor = Tensor([1, 2], { column_vector: true })\nconst m: Matrix = t.data.add(1)\nif (v instanceof Value) v.grad = 0')).toEqual([])
  })

  it('keep the doc comments', () => {
    expect(dts).toContain("/** SimpleGrad's tanh, (e^2x − 1)/(e^2x + 1). Gradient: 1 − tanh². */\ndeclare function tanh(x: number): number;\n/** SimpleGrad's tanh, (e^2x − 1)/(e^2x + 1). Gradient: 1 − tanh². */\ndeclare function tanh(x: Value): Value;")
    expect(dts).toContain("/** Reset the generators, as Julia's `Random.seed!(n)`. */\ndeclare function seed")
    expect(dts).toContain('/** A scalar node: `.data` is its number, `.grad` its gradient after `backward`. `Value(x)` makes one. */\ninterface Value {\n    /** The number')
  })

  it('type-check with the snippet library, as the editor loads them', () => {
    expect(check(dts + RUNTIME_DTS + OPERATORS_DTS)).toEqual([])
  })
})
