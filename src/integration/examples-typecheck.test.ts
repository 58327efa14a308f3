// Every shipped example, type-checked as the editor checks it (the editor's checker in Node, with the
// generated engine declarations and the snippet library): a notebook opened from the Examples menu
// shows no squiggle. The examples are the only copy of each snippet, so this checks the real ones.
import { describe, expect, it } from 'vitest'
import { engineDeclarations, testNotebook } from '../editor/test-service.ts'
import { codeSources, examples } from '../examples/index.ts'

describe('the shipped examples in the editor’s checker', () => {
  engineDeclarations() // generated once, while the tests are collected: it takes a few seconds
  it.each(examples.map((e) => [e.id, codeSources(e)] as const))('#example/%s has no errors or warnings', (_, cells) => {
    const nb = testNotebook([...cells])
    expect(cells.map((_, i) => nb.errors(i))).toEqual(cells.map(() => []))
  })
})
