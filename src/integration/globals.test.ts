// The one list of snippet globals (runtime/globals.ts) against both of its users: the names the
// editor declares are exactly the list, the names the worker's runtime installs are exactly the
// list (less what every worker already has), a snippet that uses each declared name runs, and a
// name that the engine exports but the worker does not install is squiggled in the editor.
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'
import { compile } from '../compiler/compile.ts'
import { OPERATORS_DTS, RUNTIME_DTS } from '../editor/snippet-lib.ts'
import { engineDeclarations, testNotebook } from '../editor/test-service.ts'
import '../runtime/extensions/index.ts'
import { HOST_GLOBALS, SNIPPET_GLOBALS } from '../runtime/globals.ts'
import { createSandboxRuntime } from '../runtime/runtime.ts'
import type { WorkerToHost } from '../protocol/messages.ts'

/** The values that the editor's library declares at the top level (the operators' helpers aside). */
function declaredValues(): string[] {
  const sf = ts.createSourceFile('lib.d.ts', engineDeclarations() + RUNTIME_DTS + OPERATORS_DTS, ts.ScriptTarget.Latest)
  const names = new Set<string>()
  for (const s of sf.statements) {
    if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) names.add(s.name.text)
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text)
  }
  // `a * b` is checked as `__op_mul(a, b)` (editor/op-rewrite.ts): never run, never offered.
  return [...names].filter((n) => !n.startsWith('__op_')).sort()
}

const sorted = (xs: readonly string[]) => [...xs].sort()

describe('the snippet globals', () => {
  const saved = { ...console }
  afterAll(() => Object.assign(console, saved))
  const declared = declaredValues() // generating the engine's declarations takes a few seconds

  it('the editor declares exactly the list', () => {
    expect(declared).toEqual(sorted(SNIPPET_GLOBALS))
  })

  it('the runtime installs exactly the list, besides what the worker scope already has', () => {
    const scope: Record<string, unknown> = { console: {} }
    const before = new Set(Object.getOwnPropertyNames(scope))
    createSandboxRuntime(scope, () => {})
    const installed = Object.getOwnPropertyNames(scope).filter((n) => !before.has(n))
    expect(sorted(installed)).toEqual(sorted(SNIPPET_GLOBALS.filter((n) => !(HOST_GLOBALS as readonly string[]).includes(n))))
  })

  it('a snippet that uses every declared name runs', async () => {
    const names = declared
    const source = `println(${names.map((n) => `typeof ${n}`).join(', " ", ')})`
    const lines: string[] = []
    const errors: string[] = []
    const runtime = createSandboxRuntime(globalThis as unknown as Record<string, unknown>, (m: WorkerToHost) => {
      if (m.type === 'print') lines.push(...m.lines)
      if (m.type === 'error') errors.push(m.error.message)
    })
    try {
      expect(testNotebook([source]).errors(0)).toEqual([])
      const compiled = compile(source, { sourceURL: 'globals.ts' })
      if (!compiled.ok) throw new Error(compiled.error.message)
      await runtime.run({ type: 'run', runId: 1, cellId: 'globals', code: compiled.code, map: compiled.map })
      expect(errors).toEqual([])
      const types = lines.join(' ').split(' ')
      expect(types).toHaveLength(names.length)
      types.forEach((t, i) => expect(t, names[i]).toMatch(/^(function|object)$/))
    } finally {
      runtime.reset()
    }
  })

  it('engine exports that the worker does not install are squiggled', () => {
    const nb = testNotebook([
      'const x = Value(2)',
      'topo(x)\nopInfo(x)\nformatFloat(1)\nsetBackwardObserver(null)\nconst n = new ValueNode(1, 0, null, null, 0)',
    ])
    expect(nb.errors(0)).toEqual([])
    expect(nb.errors(1)).toEqual([
      "1:1 Cannot find name 'topo'.",
      "2:1 Cannot find name 'opInfo'.",
      "3:1 Cannot find name 'formatFloat'.",
      "4:1 Cannot find name 'setBackwardObserver'.",
      "5:15 Cannot find name 'ValueNode'.",
    ])
  })
})
