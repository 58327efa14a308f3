// Hostile input (issue 10): how long the page's input handling takes on the inputs that froze it,
// each 100,000 characters or more and on one line where that is the hard case. Each row is the
// median of a few runs; the baseline column is the same amount of work arranged the easy way.
import MarkdownIt from 'markdown-it'
import { compile } from '../src/compiler/compile.ts'
import { parseLocation } from '../src/notebook/links.ts'
import { growingPayload } from '../src/notebook/lz-attack.ts'
import { mathBlock, mathInline } from '../src/notebook/markdown-math.ts'
import { timeMs, type Row } from './stats.ts'

const ms = (x: number) => `${x.toFixed(1)} ms`

export function inputBench(): Row[] {
  const rows: Row[] = []
  const oneLine = `let a = 1, b = 2, c = 0; ${'c=a+b;'.repeat(20_000)}` // 120,025 characters
  const manyLines = `let a = 1, b = 2, c = 0;\n${'c=a+b;\n'.repeat(20_000)}`
  rows.push({
    name: 'compile: 20,000 statements on one line of 120,025 characters (baseline: one per line)',
    value: ms(timeMs(() => void compile(oneLine), 5, 1)),
    baseline: ms(timeMs(() => void compile(manyLines), 5, 1)),
  })

  // The math rule alone (markdown-it with it, no sanitiser: that needs a DOM).
  const md = new MarkdownIt({ html: true })
  md.inline.ruler.before('escape', 'math_inline', mathInline)
  md.block.ruler.before('fence', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] })
  const dollars = ' $b'.repeat(100_000)
  rows.push({
    name: 'markdown: 100,000 " $b" (300,000 characters, nothing closes; baseline: the same length of " ab")',
    value: ms(timeMs(() => void md.render(dollars), 5, 1)),
    baseline: ms(timeMs(() => void md.render(' ab'.repeat(100_000)), 5, 1)),
  })

  const hostile = { hash: `#code/${growingPayload('a', 6400)}`, search: '' } // 20 MB if decoded
  rows.push({ name: 'link: a 14 KB #code/ link that would decompress to 20 MB, refused', value: ms(timeMs(() => void parseLocation(hostile, []), 5, 1)) })
  const junk = { hash: `#code/${'!'.repeat(100_000)}Q`, search: `?run=${')'.repeat(100_000)}` }
  rows.push({ name: 'link: cleaning 100,000 characters of junk in the hash and in ?run=', value: ms(timeMs(() => void parseLocation(junk, []), 5, 1)) })
  return rows
}
