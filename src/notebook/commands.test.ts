// The command table through the store: Jupyter's command-mode keys, deleting and undoing, run
// all above, collapsing output; and the live runner that replaces runs while a number is turned.
import { describe, expect, it } from 'vitest'
import { commandList, commandModeKey, commands, keyName } from './commands.ts'
import { createLiveRunner, REPLACE_AFTER_MS } from './live-run.ts'
import { createNotebookStore, type NotebookEnv } from './store.ts'

function setup(sources = ['a', 'b', 'c']) {
  let n = 0
  const sent: Array<{ runId: number; cellId: string; code: string }> = []
  let kills = 0
  const env: NotebookEnv = {
    compile: (source) => ({ ok: true, code: source, map: null }),
    send: (r) => void sent.push(r),
    kill: () => void kills++, provide: () => {}, invoke: () => {},
    newId: () => `c${n++}`,
  }
  const store = createNotebookStore(env, { v: 1, cells: sources.map((source) => ({ kind: 'code', source })) })
  const ctx = (cellId?: string) => ({ store, cellId })
  const finish = () => {
    const cur = store.getState().current
    if (cur) store.getState().receive({ type: 'done', runId: cur.runId, ms: 1 })
  }
  return { store, sent, ctx, finish, kills: () => kills }
}

const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) =>
  keyName({ key: k, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, ...mods }, false)

describe('command-mode keys', () => {
  it('finds each command by its keys, with D D as two presses', () => {
    expect(commandModeKey(key('a'), null).command).toBe(commands.addAbove)
    expect(commandModeKey(key('z'), null).command).toBe(commands.undoDelete)
    expect(commandModeKey(key('Enter', { shiftKey: true }), null).command).toBe(commands.runCellAndAdvance)
    expect(commandModeKey(key('Enter', { altKey: true }), null).command).toBe(commands.runCellAndInsert)
    expect(commandModeKey(key('?', { shiftKey: true }), null).command).toBe(commands.help)
    const first = commandModeKey(key('d'), null)
    expect(first).toEqual({ pending: 'D' })
    expect(commandModeKey(key('d'), first.pending).command).toBe(commands.deleteCell)
    expect(commandModeKey(key('x'), 'D')).toEqual({ pending: null })
  })

  it('gives no key to two commands', () => {
    const seen = new Map<string, string>()
    for (const c of commandList) for (const k of c.keys ?? []) {
      expect(seen.get(k), k).toBeUndefined()
      seen.set(k, c.id)
    }
  })
})

describe('deleting and undoing', () => {
  it('brings back each deleted cell where it was, with its output, last deleted first', () => {
    const { store, ctx, finish } = setup()
    const [a, b, c] = store.getState().cells.map((x) => x.id)
    store.getState().runCells([b])
    finish()
    commands.deleteCell.run(ctx(b))
    commands.deleteCell.run(ctx(a))
    expect(store.getState().cells.map((x) => x.id)).toEqual([c])
    commands.undoDelete.run(ctx(c))
    expect(store.getState().cells.map((x) => x.source)).toEqual(['a', 'c'])
    commands.undoDelete.run(ctx(c))
    expect(store.getState().cells.map((x) => x.source)).toEqual(['a', 'b', 'c'])
    expect(store.getState().outputs[b].status).toBe('done')
    expect(store.getState().undoDelete()).toBeNull()
  })

  it('removes the empty cell that stood in for a deleted last cell', () => {
    const { store, ctx } = setup(['only'])
    const [id] = store.getState().cells.map((x) => x.id)
    commands.deleteCell.run(ctx(id))
    expect(store.getState().cells.map((x) => x.source)).toEqual([''])
    commands.undoDelete.run(ctx())
    expect(store.getState().cells.map((x) => x.source)).toEqual(['only'])
  })

  it('selects the next cell after D D in command mode', () => {
    const { store } = setup()
    const [a, b] = store.getState().cells.map((x) => x.id)
    const selected: string[] = []
    commands.deleteCell.run({ store, cellId: a, select: (id) => void selected.push(id) })
    expect(selected).toEqual([b])
  })
})

describe('running and outputs', () => {
  it('runs all above the cell, and clears and collapses outputs', () => {
    const { store, sent, ctx, finish } = setup()
    const [, , c] = store.getState().cells.map((x) => x.id)
    commands.runAllAbove.run(ctx(c))
    finish()
    finish()
    expect(sent.map((r) => r.code)).toEqual(['a', 'b'])
    commands.toggleOutput.run(ctx(c))
    expect(store.getState().collapsed[c]).toBe(true)
    commands.clearOutputs.run(ctx())
    expect(store.getState().outputs).toEqual({})
  })

  it('Y and M set the kind', () => {
    const { store, ctx } = setup()
    const [a] = store.getState().cells.map((x) => x.id)
    commands.toMarkdown.run(ctx(a))
    expect(store.getState().cells[0].kind).toBe('markdown')
    commands.toCode.run(ctx(a))
    expect(store.getState().cells[0].kind).toBe('code')
  })
})

describe('the live runner', () => {
  it('runs never-run cells above first, keeps one pending request and drops the values in between', () => {
    const { store, sent, finish } = setup()
    const live = createLiveRunner(store, { now: () => 0 })
    const [, , c] = store.getState().cells.map((x) => x.id)
    live.request(c)
    finish() // a
    finish() // b
    expect(sent.map((r) => r.code)).toEqual(['a', 'b', 'c'])
    for (const v of ['c1', 'c2', 'c3']) {
      store.getState().setSource(c, v)
      live.request(c)
    }
    finish() // the first c; then only the newest value runs
    finish()
    expect(sent.map((r) => r.code)).toEqual(['a', 'b', 'c', 'c3'])
    live.dispose()
  })

  it('replaces a run of the same cell that takes too long, running the cells above again', () => {
    const { store, sent, finish, kills } = setup(['a', 'b'])
    let now = 0
    const live = createLiveRunner(store, { now: () => now })
    const [a, b] = store.getState().cells.map((x) => x.id)
    store.getState().runCells([a])
    finish()
    live.request(b)
    expect(sent.map((r) => r.code)).toEqual(['a', 'b'])
    now += REPLACE_AFTER_MS + 1
    store.getState().setSource(b, 'b2')
    live.request(b)
    expect(kills()).toBe(1)
    finish()
    expect(sent.map((r) => r.code)).toEqual(['a', 'b', 'a', 'b2'])
    live.dispose()
  })
})
