// The type checker's view of a cell: SimpleGrad's operators become calls to overloaded functions,
// so `x * y` on two Values has the type Value. `a * b` reads `__op_mul(a, b)`, `-a` reads
// `__op_neg(a)`, and `a += b` reads `a = __op_add(a, b)`. The overloads (snippet-lib.ts) keep
// JavaScript's types for numbers, strings and bigints (`6 ^ 3` is a number).
//
// The rewrite is text edits on the parsed cell, with an OffsetMap back to the cell's positions.
// It takes the TypeScript module as a parameter: Monaco's own copy in its worker, the `typescript`
// package in tests.
import type * as TS from 'typescript'
import { OffsetMap, type EditKind, type Piece } from './offset-map.ts'

export type TsApi = typeof TS

/** The operator functions, by the operator's text. */
export const OPERATOR_FUNCTION: Readonly<Record<string, string>> = {
  '+': '__op_add', '-': '__op_sub', '*': '__op_mul', '/': '__op_div', '**': '__op_pow', '^': '__op_xor',
}
export const NEG_FUNCTION = '__op_neg'
export const OPERATOR_PREFIX = '__op_'

/** One operator expression, and where its call is in the generated text. */
export interface OperatorCall {
  /** the operator as written: `*`, `+=`, unary `-` */
  op: string
  /** the expression in the cell */
  start: number
  end: number
  /** the call `__op_mul(a, b)` in the generated text */
  genStart: number
  genEnd: number
}

export interface Rewrite {
  text: string
  map: OffsetMap
  calls: OperatorCall[]
}

interface Edit {
  pos: number
  end: number
  text: string
  kind: EditKind
  /** visiting order: outer expressions first */
  order: number
  call?: { op: string; node: TS.Node; part: 'start' | 'end'; skip: number }
}

export function rewriteOperators(ts: TsApi, source: string, fileName = 'cell.ts'): Rewrite {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)
  const binary = new Map<TS.SyntaxKind, string>([
    [ts.SyntaxKind.PlusToken, '+'], [ts.SyntaxKind.MinusToken, '-'], [ts.SyntaxKind.AsteriskToken, '*'],
    [ts.SyntaxKind.SlashToken, '/'], [ts.SyntaxKind.AsteriskAsteriskToken, '**'], [ts.SyntaxKind.CaretToken, '^'],
  ])
  const compound = new Map<TS.SyntaxKind, string>([
    [ts.SyntaxKind.PlusEqualsToken, '+'], [ts.SyntaxKind.MinusEqualsToken, '-'], [ts.SyntaxKind.AsteriskEqualsToken, '*'],
    [ts.SyntaxKind.SlashEqualsToken, '/'], [ts.SyntaxKind.AsteriskAsteriskEqualsToken, '**'], [ts.SyntaxKind.CaretEqualsToken, '^'],
  ])
  const edits: Edit[] = []
  let order = 0
  // A missing node (in unfinished code) has no start of its own: use its end.
  const start = (n: TS.Node) => (n.pos === n.end ? n.end : n.getStart(sf))

  const visit = (node: TS.Node): void => {
    if (ts.isEnumMember(node) || ts.isTypeNode(node)) return // constant expressions and types keep JavaScript's operators
    if (ts.isBinaryExpression(node)) {
      const kind = node.operatorToken.kind
      const L = node.left, R = node.right
      const op = binary.get(kind)
      const cop = compound.get(kind)
      if (op !== undefined) {
        const n = order++
        const fn = OPERATOR_FUNCTION[op]
        edits.push({ pos: start(L), end: start(L), text: `${fn}(`, kind: 'open', order: n, call: { op, node, part: 'start', skip: 0 } })
        edits.push({ pos: L.end, end: start(R), text: ', ', kind: 'replace', order: n })
        edits.push({ pos: R.end, end: R.end, text: ')', kind: 'close', order: n, call: { op, node, part: 'end', skip: 0 } })
      } else if (cop !== undefined) {
        const n = order++
        const fn = OPERATOR_FUNCTION[cop]
        const head = ' = '
        edits.push({ pos: L.end, end: start(R), text: `${head}${fn}(${source.slice(start(L), L.end)}, `, kind: 'replace', order: n, call: { op: `${cop}=`, node, part: 'start', skip: head.length } })
        edits.push({ pos: R.end, end: R.end, text: ')', kind: 'close', order: n, call: { op: `${cop}=`, node, part: 'end', skip: 0 } })
      }
    } else if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
      const operand = node.operand
      if (!ts.isNumericLiteral(operand) && !ts.isBigIntLiteral(operand)) {
        const n = order++
        edits.push({ pos: start(node), end: start(operand), text: `${NEG_FUNCTION}(`, kind: 'replace', order: n, call: { op: '-', node, part: 'start', skip: 0 } })
        edits.push({ pos: node.end, end: node.end, text: ')', kind: 'close', order: n, call: { op: '-', node, part: 'end', skip: 0 } })
      }
    }
    ts.forEachChild(node, visit)
  }
  ts.forEachChild(sf, visit)
  return apply(source, edits, start)
}

/** Closers first (inner ones first), then replacements and openers (outer ones first). */
function compareEdits(a: Edit, b: Edit): number {
  if (a.pos !== b.pos) return a.pos - b.pos
  const ga = a.kind === 'close' ? 0 : 1, gb = b.kind === 'close' ? 0 : 1
  if (ga !== gb) return ga - gb
  return ga === 0 ? b.order - a.order : a.order - b.order
}

function apply(source: string, edits: Edit[], start: (n: TS.Node) => number): Rewrite {
  edits.sort(compareEdits)
  const pieces: Piece[] = []
  const calls = new Map<TS.Node, OperatorCall>()
  let out = ''
  let cursor = 0
  const copy = (to: number) => {
    if (to <= cursor) return
    pieces.push({ o: cursor, oEnd: to, g: out.length, gEnd: out.length + (to - cursor), kind: 'copy' })
    out += source.slice(cursor, to)
    cursor = to
  }
  for (const e of edits) {
    copy(e.pos)
    const g = out.length
    out += e.text
    const from = Math.min(e.pos, cursor)
    pieces.push({ o: from, oEnd: Math.max(e.end, from), g, gEnd: out.length, kind: e.kind })
    cursor = Math.max(cursor, e.end)
    if (e.call) {
      const { op, node, part, skip } = e.call
      let c = calls.get(node)
      if (!c) calls.set(node, (c = { op, start: start(node), end: node.end, genStart: 0, genEnd: 0 }))
      if (part === 'start') c.genStart = g + skip
      else c.genEnd = out.length
    }
  }
  copy(source.length)
  const map = new OffsetMap(pieces, source.length, out.length)
  return { text: out, map, calls: [...calls.values()].sort((a, b) => a.genStart - b.genStart) }
}
