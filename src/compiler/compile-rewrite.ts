// The rewrite itself, as text edits on the type-stripped JavaScript: operators become calls into
// the runtime (`a * b` is `__sg.mul(a, b)`), variable names become node labels, and top-level
// names are handed to the notebook scope. Edits never add or remove a newline.
import type * as acorn from 'acorn'
import { closerRank, openerRank, REPLACE_RANK, type Edit } from './compile-map.ts'
import { forEachChild, unwrap, type Analysis, type Binding, type FnScope, type N } from './compile-scope.ts'

const BINARY: Record<string, string> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '**': 'pow', '^': 'xor' }
const COMPOUND: Record<string, string> = { '+=': 'add', '-=': 'sub', '*=': 'mul', '/=': 'div', '**=': 'pow', '^=': 'xor' }
const LOOSE_UNDER_CARET = new Set(['+', '-', '*', '/', '%', '**'])
const TEMPS_RANK = 1500

export interface Warning {
  offset: number
  message: string
}

/** A construct the compiler refuses, with the JavaScript offset to report. */
export class RewriteError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message)
  }
}

export function rewrite(program: acorn.Program, js: string, a: Analysis): { edits: Edit[]; warnings: Warning[] } {
  const edits: Edit[] = []
  const warnings: Warning[] = []
  const named = new Map<N, string>()
  const fnStack: FnScope[] = [a.program]
  let tempCount = 0

  const insert = (at: number, text: string, rank: number, anchor = at) => edits.push({ start: at, end: at, text, rank, anchor })
  const replace = (at: number, length: number, text: string, anchor = at) => edits.push({ start: at, end: at + length, text, rank: REPLACE_RANK, anchor })
  const text = (n: N) => js.slice(n.start, n.end)
  const q = (s: string) => JSON.stringify(s)

  const temp = () => {
    let i = fnStack.length - 1
    while (!fnStack[i].canDeclare) i--
    const name = `__sg${++tempCount}`
    fnStack[i].temps.push(name)
    return name
  }

  const notNode = (e: N) => a.typeOf(e) >= 0
  const stringy = (e: N) => {
    const u = unwrap(e)
    return u.type === 'TemplateLiteral' || (u.type === 'Literal' && typeof u.value === 'string')
  }
  const keepsBinary = (e: acorn.BinaryExpression) => (notNode(e.left) && notNode(e.right)) || stringy(e.left) || stringy(e.right)
  const keepsNeg = (e: acorn.UnaryExpression) => notNode(e.argument) || stringy(e.argument)
  const willRewrite = (u: N) => (u.type === 'BinaryExpression' && BINARY[u.operator] !== undefined && !keepsBinary(u))
    || (u.type === 'UnaryExpression' && u.operator === '-' && !keepsNeg(u))

  /** `name = e` or `const name = e`: the node that e makes is labelled `name`. */
  const nameResult = (e: N, name: string, depth: number) => {
    if (notNode(e)) return
    const u = unwrap(e)
    if (willRewrite(u)) {
      named.set(u, name)
      return
    }
    insert(e.start, '__sg.label(', openerRank(depth - 0.5))
    insert(e.end, `, ${q(name)})`, closerRank(depth - 0.5), e.start)
  }

  // `a - b * s` is one call, `__sg.subMul(a, b, s)`: an SGD update `w.data - w.grad * lr` then
  // makes one Matrix in one pass instead of two (the same numbers: each product is rounded first).
  const fusedMul = new Set<N>()
  const fusesMul = (e: acorn.BinaryExpression) => e.operator === '-' && e.right.type === 'BinaryExpression'
    && e.right.operator === '*' && !keepsBinary(e.right)

  const binary = (e: acorn.BinaryExpression, depth: number) => {
    const fn = BINARY[e.operator]
    if (fn === undefined) return
    const at = findToken(js, e.left.end, e.operator)
    if (e.operator === '^') caretWarning(e, at)
    if (fusedMul.has(e)) {
      replace(at, 1, ',') // the inner `b * s` of a fused `a - b * s`: its operands become arguments
      return
    }
    if (keepsBinary(e)) return
    const name = named.get(e)
    const fused = fusesMul(e)
    if (fused) fusedMul.add(e.right)
    insert(e.start, `__sg.${fused ? 'subMul' : fn}(`, openerRank(depth), at)
    replace(at, e.operator.length, ',')
    insert(e.end, name === undefined ? ')' : `, ${q(name)})`, closerRank(depth), at)
  }

  const caretWarning = (e: acorn.BinaryExpression, at: number) => {
    const loose = (x: N) => (x.type === 'BinaryExpression' && LOOSE_UNDER_CARET.has(x.operator)) || (x === e.left && x.type === 'UnaryExpression' && x.operator === '-')
    if (!loose(e.left) && !loose(e.right)) return
    warnings.push({
      offset: at,
      message: 'In TypeScript, ^ binds more loosely than + - * / and unary minus: x^2 + y^2 means x ^ (2 + y) ^ 2, '
        + 'and -x^2 means (-x)^2. Add parentheses, such as (x^2) + (y^2), or use **, which binds tighter.',
    })
  }

  const negate = (e: acorn.UnaryExpression, depth: number) => {
    if (e.operator !== '-' || keepsNeg(e)) return
    const name = named.get(e)
    replace(e.start, 1, '__sg.neg(')
    insert(e.end, name === undefined ? ')' : `, ${q(name)})`, closerRank(depth), e.start)
  }

  const compound = (e: acorn.AssignmentExpression, depth: number, parent: N | null) => {
    const fn = COMPOUND[e.operator]
    const target = unwrap(e.left)
    if (fn === undefined || (notNode(target) && notNode(e.right)) || stringy(e.right)) return
    const at = findToken(js, e.left.end, e.operator)
    const call = (ref: string) => replace(at, e.operator.length, `= __sg.${fn}(${ref},`)
    if (target.type === 'Identifier') {
      call(target.name)
      insert(e.end, `, ${q(target.name)})`, closerRank(depth), at)
      return
    }
    if (target.type !== 'MemberExpression') return
    if (e.left !== target) throw new RewriteError(`remove the parentheses around the left side of ${e.operator}`, e.left.start)
    const obj = target.object, key = target.property
    const simpleObj = obj.type === 'Identifier' || obj.type === 'ThisExpression' || obj.type === 'Super'
    const simpleKey = !target.computed || key.type === 'Identifier' || key.type === 'Literal'
    if (simpleObj && simpleKey) {
      // o.x += y  ->  o.x = __sg.add(o.x, y): nothing in the target can run twice.
      call(target.computed ? `${text(obj)}[${text(key)}]` : `${text(obj)}.${text(key)}`)
      insert(e.end, ')', closerRank(depth), at)
      return
    }
    // Evaluate the object and the key once, in order, into temporaries:
    // f().x += y  ->  (t1 = f(), t1.x = __sg.add(t1.x, y))
    // As a statement of its own it goes without the parentheses, which could otherwise continue
    // the line before it (`a = b` then `(t1 = ...)` would call b).
    const bare = parent !== null && (parent.type === 'ExpressionStatement' || parent.type === 'SequenceExpression')
    let ref: string
    insert(e.start, bare ? '' : '(', openerRank(depth), at)
    if (simpleObj) {
      const k = temp()
      replace(obj.start, obj.end - obj.start, '')
      replace(findToken(js, obj.end, '['), 1, `${k} = (`)
      ref = `${text(obj)}[${k}]`
      replace(findToken(js, key.end, ']'), 1, `), ${ref}`)
    } else {
      const o = temp()
      insert(e.start, `${o} = `, openerRank(depth), at)
      if (!target.computed) {
        ref = `${o}.${text(key)}`
        replace(findToken(js, obj.end, '.'), 1, `, ${o}.`)
      } else if (simpleKey) {
        ref = `${o}[${text(key)}]`
        replace(findToken(js, obj.end, '['), 1, `, ${o}[`)
      } else {
        const k = temp()
        ref = `${o}[${k}]`
        replace(findToken(js, obj.end, '['), 1, `, ${k} = (`)
        replace(findToken(js, key.end, ']'), 1, `), ${ref}`)
      }
    }
    call(ref)
    insert(e.end, bare ? ')' : '))', closerRank(depth), at)
  }

  /** Labels the names a destructuring declaration binds (`const [w, b] = params`). */
  const destructuredLabels = (d: acorn.VariableDeclaration): string => {
    let out = ''
    for (const decl of d.declarations) {
      if (decl.id.type === 'Identifier') continue
      for (const id of collectIds(decl.id)) {
        const b = a.decls.get(id)
        if (b !== undefined && b.type < 0 && b.annotated === null) out += `__sg.label(${id.name},${q(id.name)});`
      }
    }
    return out
  }
  const topLabels = new Map<N, string>()

  const declareTemps = (fn: FnScope, depth: number) => {
    const f = fn.node
    const decl = `let ${fn.temps.join(',')};`
    if (f.type === 'ArrowFunctionExpression' && f.body.type !== 'BlockStatement') {
      insert(f.body.start, `{${decl}return (`, openerRank(depth))
      insert(f.body.end, ')}', closerRank(depth))
    } else if (f.type === 'FunctionDeclaration' || f.type === 'FunctionExpression' || f.type === 'ArrowFunctionExpression') {
      const body = f.body as acorn.BlockStatement
      let at = body.start + 1
      for (const s of body.body) {
        if (s.type !== 'ExpressionStatement' || s.directive === undefined) break
        at = s.end
      }
      insert(at, ';' + decl, TEMPS_RANK)
    } else if (f.type === 'StaticBlock') {
      insert(findToken(js, f.start + 'static'.length, '{') + 1, decl, TEMPS_RANK)
    }
  }

  const walk = (node: N, depth: number, parent: N | null): void => {
    switch (node.type) {
      case 'BinaryExpression': binary(node, depth); break
      case 'UnaryExpression': negate(node, depth); break
      case 'AssignmentExpression': {
        const target = unwrap(node.left)
        if (node.operator !== '=') compound(node, depth, parent)
        else if (target.type === 'Identifier') nameResult(node.right, target.name, depth + 1)
        else if (target.type === 'MemberExpression' && !target.computed && target.property.type === 'Identifier') {
          nameResult(node.right, target.property.name, depth + 1) // this.w = Value(0.5) labels w
        }
        break
      }
      case 'VariableDeclarator':
        if (node.id.type === 'Identifier' && node.init) nameResult(node.init, node.id.name, depth + 1)
        break
      case 'PropertyDefinition':
        if (!node.computed && node.key.type === 'Identifier' && node.value) nameResult(node.value, node.key.name, depth + 1)
        break
      case 'VariableDeclaration': {
        const labels = parent !== null && (parent.type === 'BlockStatement' || parent.type === 'StaticBlock' || parent.type === 'SwitchCase') ? destructuredLabels(node) : ''
        if (parent?.type === 'Program') topLabels.set(node, destructuredLabels(node))
        else if (labels !== '') insert(node.end, ';' + labels, closerRank(depth))
        break
      }
    }
    const fn = a.fnOf.get(node)
    if (fn === undefined) {
      forEachChild(node, (c) => walk(c, depth + 1, node))
      return
    }
    if (node.type === 'PropertyDefinition') {
      if (node.computed) walk(node.key, depth + 1, node)
      fnStack.push(fn)
      if (node.value) walk(node.value, depth + 1, node)
      fnStack.pop()
      return
    }
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') {
      // Parameter defaults run before the body: their temporaries belong to the enclosing function.
      for (const p of node.params) walk(p, depth + 1, node)
      fnStack.push(fn)
      walk(node.body, depth + 1, node)
    } else {
      fnStack.push(fn)
      forEachChild(node, (c) => walk(c, depth + 1, node))
    }
    fnStack.pop()
    if (fn.temps.length > 0) declareTemps(fn, depth)
  }

  walk(program, 0, null)
  edits.push(...notebookScope(program, a, topLabels))
  const temps = a.program.temps.length > 0 ? `let ${a.program.temps.join(',')};` : ''
  // A function is exported before the cell runs, as it is hoisted; a var starts from the scope's
  // value, as redeclaring a global var keeps it (`var s = s + 1` in a later cell).
  const hoisted = a.topLevel.map((b) => b.kind === 'function' ? exportText(b) : b.kind === 'var' ? `${b.name}=__sg.read(${JSON.stringify(b.name)});` : '').join('')
  edits.push({ start: 0, end: 0, text: `'use strict';${temps}${hoisted}`, rank: 0, anchor: 0 })
  return { edits, warnings }
}

/**
 * Top-level names go to the notebook scope so that later cells see them. A const is copied once,
 * read-only (`__sg.constant`). A variable that a nested function closes over is already a heap
 * variable, so the scope gets a live accessor to it (`__sg.def`): the function and later cells
 * see each other's assignments. Any other variable stays a plain local, as fast as JavaScript
 * makes it, and its value is copied to the scope after each top-level statement that declares or
 * assigns it (`__sg.put`), even when that statement throws. Copies are data properties, which a
 * later cell's loop reads as fast as any global; an accessor costs a call per read.
 */
function notebookScope(program: acorn.Program, a: Analysis, labels: Map<N, string>): Edit[] {
  const after: string[][] = program.body.map((s) => [labels.get(s) ?? ''])
  for (const b of a.topLevel) if (b.kind !== 'function') after[b.statement].push(exportText(b))
  program.body.forEach((_, j) => {
    for (const b of a.writes[j]) {
      if (b.captured || b.kind === 'const' || b.statement === j) continue
      if (b.statement > j && b.kind !== 'var' && b.kind !== 'function') continue
      after[j].push(`__sg.put(${JSON.stringify(b.name)},${b.name});`)
    }
  })
  const edits: Edit[] = []
  program.body.forEach((s, j) => {
    const code = [...new Set(after[j])].join('')
    if (code === '') return
    if (s.type === 'VariableDeclaration' || s.type === 'ClassDeclaration' || s.type === 'FunctionDeclaration') {
      edits.push({ start: s.end, end: s.end, text: ';' + code, rank: closerRank(1), anchor: s.start })
    } else {
      edits.push({ start: s.start, end: s.start, text: 'try{', rank: TEMPS_RANK, anchor: s.start })
      edits.push({ start: s.end, end: s.end, text: `}finally{${code}}`, rank: closerRank(1), anchor: s.start })
    }
  })
  return edits
}

function exportText(b: Binding): string {
  const n = b.name, q = JSON.stringify(n)
  if (b.kind === 'const') return `__sg.constant(${q},${n});`
  return b.captured ? `__sg.def(${q},()=>${n},v=>{${n}=v});` : `__sg.put(${q},${n});`
}

function collectIds(p: N, out: acorn.Identifier[] = []): acorn.Identifier[] {
  if (p.type === 'Identifier') out.push(p)
  else if (p.type === 'ObjectPattern') for (const q of p.properties) collectIds(q.type === 'RestElement' ? q : q.value, out)
  else if (p.type === 'ArrayPattern') for (const q of p.elements) { if (q !== null) collectIds(q, out) }
  else if (p.type === 'RestElement') collectIds(p.argument, out)
  else if (p.type === 'AssignmentPattern') collectIds(p.left, out)
  return out
}

/** The offset of `token`, the next thing after `from` once spaces and comments are skipped. */
export function findToken(js: string, from: number, token: string): number {
  let i = from
  for (;;) {
    const c = js.charCodeAt(i)
    if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029 || (c > 0x7f && /\s/.test(js[i]))) i++
    else if (c === 47 && js.charCodeAt(i + 1) === 47) {
      const e = js.indexOf('\n', i)
      i = e < 0 ? js.length : e
    } else if (c === 47 && js.charCodeAt(i + 1) === 42) {
      const e = js.indexOf('*/', i + 2)
      i = e < 0 ? js.length : e + 2
    } else break
  }
  if (!js.startsWith(token, i)) throw new Error(`compile: expected ${token} at offset ${i}`)
  return i
}
