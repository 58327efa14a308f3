// Numeric literals in a cell's source, for scrubbing (dragging a number to change it). Pure text
// work, tested in Node: where the numbers are (not inside strings or comments), how big a step
// each takes (one unit of its last digit: 2.0 moves by 0.1, 3 by 1), and how a changed number is
// written (with as many decimals as before, so `2.0` becomes `2.1`, never `2.1000000000000001`).

export interface NumberLiteral {
  /** offsets in the source; `text` is source.slice(start, end), a leading minus included */
  start: number
  end: number
  text: string
  value: number
  decimals: number
  step: number
}

const IDENT = /[\w$]/
/** after these (or at the start), a minus is a sign, not a subtraction */
const SIGN_CONTEXT = /[(,[=:?{;!&|+\-*/%<>^]/

/** Every number literal the source writes in decimal without an exponent, in order. */
export function numbersIn(source: string): NumberLiteral[] {
  const out: NumberLiteral[] = []
  let i = 0
  while (i < source.length) {
    const ch = source[i]
    const next = source[i + 1]
    if (ch === '/' && next === '/') {
      i = source.indexOf('\n', i)
      if (i < 0) break
      continue
    }
    if (ch === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2)
      i = end < 0 ? source.length : end + 2
      continue
    }
    if (ch === '"' || ch === "'" || ch === '`') {
      i = skipString(source, i)
      continue
    }
    if (IDENT.test(ch) && !/\d/.test(ch)) {
      while (i < source.length && IDENT.test(source[i])) i++
      continue
    }
    const m = /^(?:0[xXoObB][\da-fA-F_]+n?|(\d[\d_]*\.?\d*|\.\d+)([eE][+-]?\d+)?n?)/.exec(source.slice(i, i + 64))
    if (m && (/\d/.test(ch) || (ch === '.' && /\d/.test(next ?? ''))) && source[i - 1] !== '.') {
      const body = m[1]
      const plain = body !== undefined && !m[2] && !m[0].endsWith('n') && !body.includes('_')
      if (plain) {
        let start = i
        if (source[i - 1] === '-' && SIGN_CONTEXT.test(prevNonSpace(source, i - 1) ?? '(')) start = i - 1
        out.push(literal(source, start, i + m[0].length))
      }
      i += m[0].length
      continue
    }
    i++
  }
  return out
}

/** The literal at (or touching) `offset`, if any. */
export function numberAt(source: string, offset: number): NumberLiteral | null {
  return numbersIn(source).find((n) => n.start <= offset && offset <= n.end) ?? null
}

/** The literal moved by `steps` of its step, written like the original. */
export function nudged(n: Pick<NumberLiteral, 'value' | 'decimals' | 'step'>, steps: number): string {
  const scale = 10 ** n.decimals
  const v = Math.round((n.value + steps * n.step) * scale) / scale
  const text = v.toFixed(n.decimals)
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text
}

/** What the graph knows of a leaf: its variable name, its number, and maybe its source line. */
export interface LeafInfo {
  label: string
  data: number
  /** 1-based line of the cell that made it, when the snapshot carries one */
  line?: number
}

/**
 * The literal that made a leaf of the graph: on its line when known, else the one assigned to its
 * name (`const x = Value(2.0)`), else the only `Value(<number>)` with its value.
 */
export function findLeafLiteral(source: string, leaf: LeafInfo): NumberLiteral | null {
  const all = numbersIn(source)
  const sameValue = (n: NumberLiteral) => n.value === leaf.data
  if (leaf.line !== undefined) {
    const lineStart = source.split('\n').slice(0, leaf.line - 1).reduce((k, l) => k + l.length + 1, 0)
    const lineEnd = lineStart + (source.split('\n')[leaf.line - 1]?.length ?? 0)
    const onLine = all.filter((n) => n.start >= lineStart && n.end <= lineEnd)
    const hit = onLine.find(sameValue) ?? (onLine.length === 1 ? onLine[0] : undefined)
    if (hit) return hit
  }
  if (leaf.label) {
    const name = leaf.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const re = new RegExp(`(?:^|[^\\w$.])${name}\\s*=\\s*(?:new\\s+)?Value\\s*\\(\\s*`, 'g')
    for (const m of source.matchAll(re)) {
      const at = m.index + m[0].length
      const hit = all.find((n) => n.start === at)
      if (hit) return hit
    }
  }
  const calls = all.filter((n) => sameValue(n) && /Value\s*\(\s*$/.test(source.slice(Math.max(0, n.start - 20), n.start)))
  return calls.length === 1 ? calls[0] : null
}

function literal(source: string, start: number, end: number): NumberLiteral {
  const text = source.slice(start, end)
  const dot = text.indexOf('.')
  const decimals = dot < 0 ? 0 : text.length - dot - 1
  return { start, end, text, value: Number(text), decimals, step: 10 ** -decimals }
}

function prevNonSpace(s: string, i: number): string | undefined {
  for (let j = i - 1; j >= 0; j--) if (!/\s/.test(s[j])) return s[j]
  return undefined
}

function skipString(s: string, i: number): number {
  const q = s[i]
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === '\\') j++
    else if (s[j] === q) return j + 1
    else if (s[j] === '\n' && q !== '`') return j
  }
  return s.length
}
