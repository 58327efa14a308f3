// What the compiler knows about a cell's names: which binding each identifier means, which
// top-level names later cells must see, and which of them a nested function closes over. The
// types of those bindings (can it hold a node?) are solved in compile-types.ts.
import type * as acorn from 'acorn'
import type { N, BindingKind, FnScope, Binding, Ref } from './compile-bindings.ts'
import { BOTTOM, element, makeTypeOf, NOT_NODE, solve, UNKNOWN, unwrap } from './compile-types.ts'

export { unwrap }

export type { N, BindingKind, FnScope, Binding, Ref }

interface Scope {
  parent: Scope | null
  fn: FnScope
  names: Map<string, Binding>
}

export interface Analysis {
  refs: Map<acorn.Identifier, Ref>
  /** The binding that each declaring identifier creates. */
  decls: Map<acorn.Identifier, Binding>
  fnOf: Map<N, FnScope>
  program: FnScope
  /** Bindings of the cell's top level, in declaration order. */
  topLevel: Binding[]
  /** For each top-level statement, the top-level bindings it assigns outside nested functions. */
  writes: Set<Binding>[]
  typeOf(e: N): number
  /** The first identifier that uses the reserved `__sg` prefix, if any. */
  reserved: acorn.Identifier | null
}

/** Reads the TypeScript annotation of the declared identifier (a variable or a parameter). */
export type AnnotationOf = (id: acorn.Identifier) => number | null

export function analyze(program: acorn.Program, annotationOf: AnnotationOf): Analysis {
  const refs = new Map<acorn.Identifier, Ref>()
  const decls = new Map<acorn.Identifier, Binding>()
  const fnOf = new Map<N, FnScope>()
  const bindings: Binding[] = []
  const writes: Set<Binding>[] = program.body.map(() => new Set<Binding>())
  const programFn: FnScope = { node: program, parent: null, canDeclare: true, temps: [] }
  fnOf.set(program, programFn)
  const forHead = new WeakSet<N>()
  // Sources are read once the walk is done, when the types can be solved.
  let typeOf: (e: N) => number = () => UNKNOWN
  let statement = -1
  let reserved: acorn.Identifier | null = null

  const checkName = (id: acorn.Identifier) => {
    if (reserved === null && id.name.startsWith('__sg')) reserved = id
  }

  const declare = (scope: Scope, id: acorn.Identifier, kind: BindingKind): Binding => {
    checkName(id)
    const existing = scope.names.get(id.name)
    if (existing !== undefined) {
      decls.set(id, existing)
      return existing
    }
    const topLevel = scope.fn === programFn && scope.parent === null
    const b: Binding = { name: id.name, kind, fn: scope.fn, topLevel, captured: false, statement: topLevel ? statement : -1, annotated: null, sources: [], type: BOTTOM }
    scope.names.set(id.name, b)
    decls.set(id, b)
    bindings.push(b)
    return b
  }

  const lookup = (scope: Scope | null, name: string): Binding | null => {
    for (let s = scope; s !== null; s = s.parent) {
      const b = s.names.get(name)
      if (b !== undefined) return b
    }
    return null
  }

  const reference = (id: acorn.Identifier, scope: Scope, write: (() => number) | null): Binding | null => {
    checkName(id)
    const b = lookup(scope, id.name)
    const crossFn = b !== null && b.fn !== scope.fn
    refs.set(id, { binding: b, crossFn })
    if (b === null) return null
    if (crossFn) b.captured = true
    if (write !== null) {
      b.sources.push(write)
      if (b.topLevel && !crossFn && statement >= 0) writes[statement].add(b)
    }
    return b
  }

  const patternIds = (p: N | null | undefined, out: acorn.Identifier[] = []): acorn.Identifier[] => {
    if (p == null) return out
    switch (p.type) {
      case 'Identifier': out.push(p); break
      case 'ObjectPattern': for (const q of p.properties) patternIds(q.type === 'RestElement' ? q : q.value, out); break
      case 'ArrayPattern': for (const q of p.elements) patternIds(q, out); break
      case 'RestElement': patternIds(p.argument, out); break
      case 'AssignmentPattern': patternIds(p.left, out); break
    }
    return out
  }

  // Hoisting: `var` belongs to the function, let/const/class/function to the block.
  const hoistVars = (stmts: N[], scope: Scope) => {
    const visit = (s: N | null | undefined): void => {
      if (s == null) return
      switch (s.type) {
        case 'VariableDeclaration':
          if (s.kind === 'var') for (const d of s.declarations) for (const id of patternIds(d.id)) declare(scope, id, 'var')
          break
        case 'BlockStatement': s.body.forEach(visit); break
        case 'IfStatement': visit(s.consequent); visit(s.alternate); break
        case 'ForStatement': visit(s.init); visit(s.body); break
        case 'ForInStatement': case 'ForOfStatement': visit(s.left); visit(s.body); break
        case 'WhileStatement': case 'DoWhileStatement': case 'LabeledStatement': visit(s.body); break
        case 'TryStatement': visit(s.block); visit(s.handler?.body); visit(s.finalizer); break
        case 'SwitchStatement': for (const c of s.cases) c.consequent.forEach(visit); break
      }
    }
    stmts.forEach((s, i) => {
      if (scope.fn === programFn && scope.parent === null) statement = i
      visit(s)
    })
  }

  const hoistLexical = (stmts: N[], scope: Scope) => {
    stmts.forEach((s, i) => {
      if (scope.fn === programFn && scope.parent === null) statement = i
      if (s.type === 'VariableDeclaration' && s.kind !== 'var') {
        for (const d of s.declarations) for (const id of patternIds(d.id)) declare(scope, id, s.kind === 'const' ? 'const' : 'let')
      } else if (s.type === 'FunctionDeclaration' && s.id !== null) {
        const b = declare(scope, s.id, 'function')
        b.sources.push(() => NOT_NODE)
      } else if (s.type === 'ClassDeclaration' && s.id !== null) {
        const b = declare(scope, s.id, 'class')
        b.sources.push(() => NOT_NODE)
      }
    })
  }

  const newFn = (node: N, parent: FnScope, canDeclare = true): FnScope => {
    const fn: FnScope = { node, parent, canDeclare, temps: [] }
    fnOf.set(node, fn)
    return fn
  }

  const visitBody = (stmts: N[], scope: Scope) => {
    hoistVars(stmts, scope)
    hoistLexical(stmts, scope)
    stmts.forEach((s, i) => {
      if (scope.fn === programFn && scope.parent === null) statement = i
      visit(s, scope)
    })
  }

  /** Visits a pattern that declares (`declared`) or assigns names: defaults and computed keys are expressions. */
  const visitPattern = (p: N | null, scope: Scope, declared: boolean): void => {
    if (p === null) return
    switch (p.type) {
      case 'Identifier':
        if (declared) checkName(p)
        else reference(p, scope, () => UNKNOWN)
        return
      case 'ObjectPattern':
        for (const q of p.properties) {
          if (q.type === 'RestElement') visitPattern(q.argument, scope, declared)
          else {
            if (q.computed) visit(q.key, scope)
            visitPattern(q.value, scope, declared)
          }
        }
        return
      case 'ArrayPattern': for (const q of p.elements) visitPattern(q, scope, declared); return
      case 'RestElement': visitPattern(p.argument, scope, declared); return
      case 'AssignmentPattern': visitPattern(p.left, scope, declared); visit(p.right, scope); return
      case 'ParenthesizedExpression': visitPattern(p.expression, scope, declared); return
      default: visit(p, scope)
    }
  }

  const visitFunction = (f: acorn.Function, scope: Scope) => {
    const fn = newFn(f as N, scope.fn)
    const inner: Scope = { parent: scope, fn, names: new Map() }
    if (f.type === 'FunctionExpression' && f.id) declare(inner, f.id, 'function').sources.push(() => NOT_NODE)
    for (const p of f.params) {
      for (const id of patternIds(p)) {
        const b = declare(inner, id, 'param')
        const plain = p.type === 'Identifier' || (p.type === 'AssignmentPattern' && p.left === id)
        b.annotated = plain ? annotationOf(id) : null
        b.sources.push(() => UNKNOWN)
      }
      visitPattern(p, inner, true)
    }
    if (f.body.type === 'BlockStatement') visitBody(f.body.body, inner)
    else visit(f.body, inner)
  }

  const visitClass = (c: acorn.Class, scope: Scope) => {
    let s = scope
    if (c.type === 'ClassExpression' && c.id) {
      s = { parent: scope, fn: scope.fn, names: new Map() }
      declare(s, c.id, 'class').sources.push(() => NOT_NODE)
    }
    if (c.superClass) visit(c.superClass, s)
    for (const m of c.body.body) {
      if (m.type === 'StaticBlock') {
        const fn = newFn(m, s.fn)
        visitBody(m.body, { parent: s, fn, names: new Map() })
        continue
      }
      if (m.computed) visit(m.key, s)
      if (m.type === 'MethodDefinition') visit(m.value, s)
      else if (m.value) visit(m.value, { parent: s, fn: newFn(m, s.fn, false), names: new Map() })
    }
  }

  const visit = (node: N | null | undefined, scope: Scope): void => {
    if (node == null) return
    switch (node.type) {
      case 'Identifier':
        reference(node, scope, null)
        return
      case 'FunctionDeclaration': case 'FunctionExpression': case 'ArrowFunctionExpression':
        visitFunction(node, scope)
        return
      case 'ClassDeclaration': case 'ClassExpression':
        visitClass(node, scope)
        return
      case 'BlockStatement': {
        const inner: Scope = { parent: scope, fn: scope.fn, names: new Map() }
        hoistLexical(node.body, inner)
        for (const s of node.body) visit(s, inner)
        return
      }
      case 'StaticBlock':
        return
      case 'VariableDeclaration':
        for (const d of node.declarations) {
          const ids = patternIds(d.id)
          const b = d.id.type === 'Identifier' ? lookup(scope, d.id.name) : null
          if (b !== null && d.id.type === 'Identifier') {
            const init = d.init
            b.annotated ??= annotationOf(d.id)
            if (init) b.sources.push(() => typeOf(init))
            else if (!forHead.has(node)) b.sources.push(() => NOT_NODE)
          } else {
            for (const id of ids) lookup(scope, id.name)?.sources.push(() => UNKNOWN)
          }
          visitPattern(d.id, scope, true)
          visit(d.init, scope)
        }
        return
      case 'ForStatement': case 'ForInStatement': case 'ForOfStatement': {
        const inner: Scope = { parent: scope, fn: scope.fn, names: new Map() }
        const head = node.type === 'ForStatement' ? node.init : node.left
        if (head?.type === 'VariableDeclaration' && head.kind !== 'var') {
          for (const d of head.declarations) for (const id of patternIds(d.id)) declare(inner, id, head.kind === 'const' ? 'const' : 'let')
        }
        if (node.type === 'ForStatement') {
          visit(node.init, inner); visit(node.test, inner); visit(node.update, inner)
        } else {
          const right = node.right
          const each = node.type === 'ForInStatement' ? () => NOT_NODE : () => element(typeOf(right))
          visit(right, inner)
          const left = node.left
          if (left.type === 'VariableDeclaration') {
            forHead.add(left)
            const d = left.declarations[0]
            if (d.id.type === 'Identifier') lookup(inner, d.id.name)?.sources.push(each)
            else for (const id of patternIds(d.id)) lookup(inner, id.name)?.sources.push(() => UNKNOWN)
            visit(left, inner)
          } else if (left.type === 'Identifier') reference(left, inner, each)
          else visitPattern(left, inner, false)
        }
        visit(node.body, inner)
        return
      }
      case 'SwitchStatement': {
        visit(node.discriminant, scope)
        const inner: Scope = { parent: scope, fn: scope.fn, names: new Map() }
        hoistLexical(node.cases.flatMap((c) => c.consequent), inner)
        for (const c of node.cases) {
          visit(c.test, inner)
          for (const s of c.consequent) visit(s, inner)
        }
        return
      }
      case 'CatchClause': {
        const inner: Scope = { parent: scope, fn: scope.fn, names: new Map() }
        for (const id of patternIds(node.param)) declare(inner, id, 'catch').sources.push(() => UNKNOWN)
        visitPattern(node.param ?? null, inner, true)
        visit(node.body, inner)
        return
      }
      case 'AssignmentExpression': {
        const left = unwrap(node.left)
        const right = node.right
        if (left.type === 'Identifier') {
          reference(left, scope, () => typeOf(node))
        } else if (left.type === 'MemberExpression') visit(left, scope)
        else visitPattern(left, scope, false)
        visit(right, scope)
        return
      }
      case 'UpdateExpression': {
        const arg = unwrap(node.argument)
        if (arg.type === 'Identifier') reference(arg, scope, () => NOT_NODE)
        else visit(arg, scope)
        return
      }
      case 'MemberExpression':
        visit(node.object, scope)
        if (node.computed) visit(node.property, scope)
        return
      case 'Property':
        if (node.computed) visit(node.key, scope)
        visit(node.value, scope)
        return
      case 'LabeledStatement':
        visit(node.body, scope)
        return
      case 'BreakStatement': case 'ContinueStatement': case 'MetaProperty':
        return
      default:
        forEachChild(node, (c) => visit(c, scope))
    }
  }

  const top: Scope = { parent: null, fn: programFn, names: new Map() }
  visitBody(program.body, top)

  typeOf = makeTypeOf(refs)
  solve(bindings)

  return {
    refs,
    decls,
    fnOf,
    program: programFn,
    topLevel: [...top.names.values()].sort((x, y) => x.statement - y.statement),
    writes,
    typeOf: (e) => {
      const t = typeOf(e)
      return t === BOTTOM ? UNKNOWN : t
    },
    reserved,
  }
}

/** Calls `f` on each child node of `node`, in source order. */
export function forEachChild(node: N, f: (child: N) => void): void {
  for (const key in node) {
    if (key === 'type' || key === 'start' || key === 'end' || key === 'loc' || key === 'range') continue
    const v = (node as unknown as Record<string, unknown>)[key]
    if (Array.isArray(v)) {
      for (const c of v) if (c !== null && typeof c === 'object' && typeof (c as N).type === 'string') f(c as N)
    } else if (v !== null && typeof v === 'object' && typeof (v as N).type === 'string') f(v as N)
  }
}
