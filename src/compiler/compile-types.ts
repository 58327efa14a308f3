// Which expressions can never hold a Value, Tensor or Matrix, so that their operators can stay
// JavaScript's own. Numbers alone would not need it: the runtime's operators take a fast path on
// two numbers. But a long loop that V8 optimises while it runs (on-stack replacement) cannot keep
// an accumulator such as `s` in `s += a[i] * b[i]` unboxed once the code asks `typeof s`: such a
// loop runs twice as slow. Leaving provably numeric code untouched keeps it as fast as it was.
//
// The inference is small and sound: a binding is "not a node" when every value ever stored in it
// is provably not a node (literals, `.length`, Math, typed arrays and their elements...), solved as
// a least fixpoint over all its assignments. TypeScript annotations that say so (`a: Float64Array`,
// `x: number`, `m: number[][]`) are trusted, as the type checker trusts them.
import type * as acorn from 'acorn'
import type { Binding, N, Ref } from './compile-bindings.ts'

/** The lattice: BOTTOM (no value seen yet) < NOT_NODE, or k ≥ 1 levels of arrays of non-nodes < UNKNOWN. */
export const BOTTOM = -2
export const UNKNOWN = -1
export const NOT_NODE = 0

const TYPED_ARRAYS = new Set(['Float64Array', 'Float32Array', 'Int8Array', 'Int16Array', 'Int32Array', 'Uint8Array', 'Uint16Array', 'Uint32Array', 'Uint8ClampedArray'])
const NUMBER_FUNCTIONS = new Set(['Number', 'String', 'Boolean', 'parseInt', 'parseFloat', 'isNaN', 'isFinite'])
const ARITHMETIC = new Set(['+', '-', '*', '/', '**', '^'])

export const join = (a: number, b: number) => (a === BOTTOM ? b : b === BOTTOM ? a : a === b ? a : UNKNOWN)
export const both = (a: number, b: number) => (a === UNKNOWN || b === UNKNOWN ? UNKNOWN : a === BOTTOM || b === BOTTOM ? BOTTOM : NOT_NODE)
export const element = (t: number) => (t === BOTTOM ? BOTTOM : t >= 1 ? t - 1 : UNKNOWN)

/** The type of an expression, given the references resolved and the bindings' current types. */
export function makeTypeOf(refs: Map<acorn.Identifier, Ref>): (e: N) => number {
  const isGlobal = (e: N, name: string) => e.type === 'Identifier' && e.name === name && refs.get(e)?.binding === null
  function typeOf(e: N): number {
    switch (e.type) {
      case 'Literal': case 'TemplateLiteral': case 'ArrayExpression': case 'ObjectExpression':
      case 'FunctionExpression': case 'ArrowFunctionExpression': case 'ClassExpression':
      case 'UpdateExpression': case 'MetaProperty': case 'ImportExpression':
        return NOT_NODE
      case 'Identifier': {
        const r = refs.get(e)
        if (r === undefined || r.binding === null) return e.name === 'undefined' || e.name === 'NaN' || e.name === 'Infinity' ? NOT_NODE : UNKNOWN
        const b = r.binding
        // A later cell may store anything in a top-level let; a function reads it after that.
        if (r.crossFn && b.topLevel && b.kind !== 'const') return UNKNOWN
        return b.annotated ?? b.type
      }
      case 'ParenthesizedExpression': case 'ChainExpression':
        return typeOf(e.expression)
      case 'SequenceExpression':
        return typeOf(e.expressions[e.expressions.length - 1])
      case 'UnaryExpression':
        return e.operator === '-' ? both(typeOf(e.argument), NOT_NODE) : NOT_NODE
      case 'BinaryExpression':
        return ARITHMETIC.has(e.operator) ? both(typeOf(e.left), typeOf(e.right)) : NOT_NODE
      case 'LogicalExpression':
        return join(typeOf(e.left), typeOf(e.right))
      case 'ConditionalExpression':
        return join(typeOf(e.consequent), typeOf(e.alternate))
      case 'AssignmentExpression': {
        const op = e.operator
        if (op === '=') return typeOf(e.right)
        if (ARITHMETIC.has(op.slice(0, -1))) return both(typeOf(e.left), typeOf(e.right))
        if (op === '&&=' || op === '||=' || op === '??=') return join(typeOf(e.left), typeOf(e.right))
        return NOT_NODE
      }
      case 'MemberExpression': {
        if (e.computed) return element(typeOf(e.object))
        if (e.property.type === 'Identifier' && e.property.name === 'length') return NOT_NODE
        return isGlobal(e.object, 'Math') ? NOT_NODE : UNKNOWN
      }
      case 'CallExpression': {
        const c = unwrap(e.callee)
        if (c.type === 'Identifier') return NUMBER_FUNCTIONS.has(c.name) && isGlobal(c, c.name) ? NOT_NODE : UNKNOWN
        if (c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier') {
          const o = c.object, p = c.property.name
          if (isGlobal(o, 'Math') || (p === 'now' && (isGlobal(o, 'performance') || isGlobal(o, 'Date')))) return NOT_NODE
          if ((p === 'from' || p === 'of') && o.type === 'Identifier' && TYPED_ARRAYS.has(o.name) && isGlobal(o, o.name)) return 1
        }
        return UNKNOWN
      }
      case 'NewExpression': {
        const c = e.callee
        return c.type === 'Identifier' && TYPED_ARRAYS.has(c.name) && isGlobal(c, c.name) ? 1 : UNKNOWN
      }
      default:
        return UNKNOWN
    }
  }

  return typeOf
}

/** The least fixpoint of every binding's type over its sources; what stays BOTTOM is UNKNOWN. */
export function solve(bindings: Binding[]): void {
  for (let round = 0, changed = true; changed && round < 2 * bindings.length + 2; round++) {
    changed = false
    for (const b of bindings) {
      if (b.annotated !== null) continue
      let t = BOTTOM
      for (const s of b.sources) t = join(t, s())
      if (t !== b.type) {
        b.type = t
        changed = true
      }
    }
  }
  for (const b of bindings) if (b.type === BOTTOM) b.type = UNKNOWN
}

export function unwrap(e: N): N {
  while (e.type === 'ParenthesizedExpression') e = e.expression
  return e
}
