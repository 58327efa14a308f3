// The lint config enforces the rooms: an import that the table does not allow, and a new import
// cycle, each fail `npm run lint`. Lints real text with the project's own eslint.config.js.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'
import { allowed, roomOf } from './rooms.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const eslint = new ESLint({ cwd: root })
const ruleIds = async (filePath: string, text: string) =>
  (await eslint.lintText(text, { filePath: path.join(root, filePath) }))[0].messages.map((m) => m.ruleId)

describe('the rooms table', () => {
  it('knows each room and the worker entry', () => {
    expect(roomOf('src/engine/ops/matmul.ts')).toBe('engine')
    expect(roomOf('src/sandbox/worker.ts')).toBe('sandbox/worker.ts')
    expect(roomOf('src/sandbox/host.ts')).toBe('sandbox')
    expect(roomOf('src/main.tsx')).toBe('.')
    expect(roomOf('e2e/links.spec.ts')).toBe('e2e')
    expect(roomOf('README.md')).toBeNull()
  })

  it('allows what ARCHITECTURE.md allows, and no more', () => {
    expect(allowed('src/runtime/runtime.ts', 'src/engine/index.ts', false)).toBe(true)
    expect(allowed('src/runtime/runtime.ts', 'src/compiler/line-map.ts', false)).toBe(true)
    expect(allowed('src/runtime/runtime.ts', 'src/compiler/compile.ts', false)).toBe(false)
    expect(allowed('src/sandbox/worker.ts', 'src/runtime/runtime.ts', false)).toBe(true)
    expect(allowed('src/sandbox/host.ts', 'src/runtime/runtime.ts', false)).toBe(false)
    expect(allowed('src/graph/layout.ts', 'src/protocol/messages.ts', true)).toBe(true)
    expect(allowed('src/graph/layout.ts', 'src/protocol/messages.ts', false)).toBe(false)
    expect(allowed('src/ui/App.tsx', 'src/engine/index.ts', true)).toBe(false)
    expect(allowed('src/examples/usage.ts', 'src/engine/index.ts', true)).toBe(false)
    expect(allowed('src/engine/value.ts', 'src/engine/ops/codes.ts', false)).toBe(true)
    expect(allowed('e2e/x.spec.ts', 'src/examples/usage.ts', false)).toBe(true)
    expect(allowed('e2e/x.spec.ts', 'src/engine/index.ts', false)).toBe(false)
  })
})

describe('npm run lint', () => {
  it('fails on an import across rooms that the table does not allow', async () => {
    expect(await ruleIds('src/graph/probe.ts', "import { Value } from '../engine/index.ts'\nexport const v = Value\n")).toContain('house/rooms')
    expect(await ruleIds('src/ui/probe.ts', "import type { Value } from '../engine/index.ts'\nexport type V = Value\n")).toContain('house/rooms')
    expect(await ruleIds('src/graph/probe.ts', "import type { GraphSnapshot } from '../protocol/messages.ts'\nexport type G = GraphSnapshot\n")).toEqual([])
  })

  it('fails on import.meta.glob', async () => {
    expect(await ruleIds('src/ui/probe.ts', "export const m = import.meta.glob('../engine/*.ts')\n")).toContain('no-restricted-syntax')
  })

  it('fails on a new import cycle', async () => {
    const dir = path.join(root, 'src/engine', `cycle-probe-${process.pid}`)
    mkdirSync(dir, { recursive: true })
    try {
      writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b.ts'\nexport const a = () => b\n")
      writeFileSync(path.join(dir, 'b.ts'), "import { a } from './a.ts'\nexport const b = () => a\n")
      const [result] = await eslint.lintFiles([path.join(dir, 'a.ts')])
      expect(result.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
}, 60_000)
