// The operators of compiled cells: `a * b` runs `__sg.mul(a, b)`. On two numbers each one is
// JavaScript's own operator, in a function small enough for V8 to inline; with a Value, Tensor or
// Matrix operand it is SimpleGrad's operation. A string operand, or no SimpleGrad operand at all,
// keeps JavaScript's meaning exactly (`6 ^ 3` is 5, `'a' + x` concatenates).
//
// Values: + - * / and ^ or ** with a Value or a number on either side; a number becomes a leaf
// Value first, so `2 * x` is Value(2) * x, as Julia's promotion makes it.
// Tensors: Tensor + - Tensor (with SimpleGrad's row broadcast), Tensor * Tensor (the matrix
// product), Tensor * number and number * Tensor (scaling), Tensor / number, unary minus.
// Matrices: Matrix + - * Matrix (* is the matrix product), + - * with a number on either side,
// Matrix / number, unary minus.
// Anything else with a Value, Tensor or Matrix in it throws an Error that names the operator and
// both operands ("cannot apply * to a Value and a Tensor").
import { Matrix, TensorNode, Value, ValueNode } from '../engine/index.ts'
import { notebookScope, type NotebookScope } from './operators-scope.ts'

type Op = 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'xor'

const SYMBOL: Record<Op, string> = { add: '+', sub: '-', mul: '*', div: '/', pow: '**', xor: '^' }

// The fast paths: two numbers, then Values (the hot case of scalar training loops), then the rest.
// `name`, when the compiler passes one, labels the node that the operation makes.
/* eslint-disable @typescript-eslint/no-explicit-any -- operands are whatever the snippet holds */
export function add(a: any, b: any, name?: string): any {
  return typeof a === 'number' && typeof b === 'number' ? a + b : addSlow(a, b, name)
}
export function sub(a: any, b: any, name?: string): any {
  return typeof a === 'number' && typeof b === 'number' ? a - b : subSlow(a, b, name)
}
export function mul(a: any, b: any, name?: string): any {
  return typeof a === 'number' && typeof b === 'number' ? a * b : mulSlow(a, b, name)
}
export function div(a: any, b: any, name?: string): any {
  return typeof a === 'number' && typeof b === 'number' ? a / b : divSlow(a, b, name)
}
/** `**`: a power on Values, JavaScript's `**` on numbers. */
export function pow(a: any, b: any, name?: string): any {
  return typeof a === 'number' && typeof b === 'number' ? a ** b : powSlow(a, b, name)
}
/** `^`: a power when an operand is a Value (as in Julia), JavaScript's XOR otherwise. */
export function xor(a: any, b: any, name?: string): any {
  return typeof a === 'number' && typeof b === 'number' ? a ^ b : xorSlow(a, b, name)
}
/** `a - b * s` as the compiler writes it: one pass for Matrices (an SGD update), else `sub(a, mul(b, s))`. */
export function subMul(a: any, b: any, s: any, name?: string): any {
  if (typeof a === 'number' && typeof b === 'number' && typeof s === 'number') return a - b * s
  if (a instanceof Matrix && b instanceof Matrix && typeof s === 'number') return a.subScaled(b, s)
  return sub(a, mul(b, s), name)
}
export function neg(a: any, name?: string): any {
  return typeof a === 'number' ? -a : negSlow(a, name)
}
/** Gives an unlabelled Value or Tensor the name of the variable that holds it; returns `v`. */
export function label<T>(v: T, name: string): T {
  if (typeof v === 'object' && v !== null) labelNode(v, name)
  return v
}

// One function per operator on purpose: each calls its own Value method at its own call site, so
// V8 keeps every site monomorphic and inlines it; a shared `a[op](b)` would be megamorphic on the
// hot path of scalar training loops.
function addSlow(a: any, b: any, name: string | undefined): any {
  if (a instanceof ValueNode) {
    if (b instanceof ValueNode || typeof b === 'number') return named(a.add(b), name)
  } else if (b instanceof ValueNode && typeof a === 'number') return named(Value(a).add(b), name)
  return slow('add', a, b, name)
}
function subSlow(a: any, b: any, name: string | undefined): any {
  if (a instanceof ValueNode) {
    if (b instanceof ValueNode || typeof b === 'number') return named(a.sub(b), name)
  } else if (b instanceof ValueNode && typeof a === 'number') return named(Value(a).sub(b), name)
  return slow('sub', a, b, name)
}
function mulSlow(a: any, b: any, name: string | undefined): any {
  if (a instanceof ValueNode) {
    if (b instanceof ValueNode || typeof b === 'number') return named(a.mul(b), name)
  } else if (b instanceof ValueNode && typeof a === 'number') return named(Value(a).mul(b), name)
  return slow('mul', a, b, name)
}
function divSlow(a: any, b: any, name: string | undefined): any {
  if (a instanceof ValueNode) {
    if (b instanceof ValueNode || typeof b === 'number') return named(a.div(b), name)
  } else if (b instanceof ValueNode && typeof a === 'number') return named(Value(a).div(b), name)
  return slow('div', a, b, name)
}
function powSlow(a: any, b: any, name: string | undefined): any {
  if (a instanceof ValueNode && (typeof b === 'number' || b instanceof ValueNode)) return named(a.pow(b), name)
  return slow('pow', a, b, name)
}
function xorSlow(a: any, b: any, name: string | undefined): any {
  if (a instanceof ValueNode && (typeof b === 'number' || b instanceof ValueNode)) return named(a.pow(b), name)
  return slow('xor', a, b, name)
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** A node that an operation just made has no label yet. */
function named(node: ValueNode, name: string | undefined): ValueNode {
  if (name !== undefined) node.label = name
  return node
}

function labelNode(v: unknown, name: string | undefined): void {
  if (name !== undefined && (v instanceof ValueNode || v instanceof TensorNode) && v.label === '') v.label = name
}

const OTHER = 0, VALUE = 1, TENSOR = 2
const kindOf = (x: unknown) => (x instanceof ValueNode ? VALUE : x instanceof TensorNode ? TENSOR : x instanceof Matrix ? 3 : OTHER)

function slow(op: Op, a: unknown, b: unknown, name: string | undefined): unknown {
  const ka = kindOf(a), kb = kindOf(b)
  if ((ka === OTHER && kb === OTHER) || typeof a === 'string' || typeof b === 'string') return js(op, a, b)
  const out = ka === VALUE || kb === VALUE ? values(op, a, b)
    : ka === TENSOR || kb === TENSOR ? tensors(op, a, b)
    : matrices(op, a, b)
  if (out === undefined) throw new Error(`cannot apply ${SYMBOL[op]} to ${describe(a)} and ${describe(b)}`)
  labelNode(out, name)
  return out
}

function values(op: Op, a: unknown, b: unknown): ValueNode | undefined {
  const x = a instanceof ValueNode ? a : typeof a === 'number' ? Value(a) : undefined
  const y = b instanceof ValueNode || typeof b === 'number' ? b : undefined
  if (x === undefined || y === undefined) return undefined
  switch (op) {
    case 'add': return x.add(y)
    case 'sub': return x.sub(y)
    case 'mul': return x.mul(y)
    case 'div': return x.div(y)
    case 'pow': case 'xor': return x.pow(y)
  }
}

function tensors(op: Op, a: unknown, b: unknown): TensorNode | undefined {
  if (a instanceof TensorNode) {
    if (b instanceof TensorNode) {
      if (op === 'add') return a.add(b)
      if (op === 'sub') return a.sub(b)
      if (op === 'mul') return a.mul(b)
      return undefined
    }
    if (typeof b === 'number') {
      if (op === 'mul') return a.mul(b)
      if (op === 'div') return a.mul(1 / b)
    }
    return undefined
  }
  if (typeof a === 'number' && b instanceof TensorNode && op === 'mul') return b.mul(a)
  return undefined
}

function matrices(op: Op, a: unknown, b: unknown): Matrix | undefined {
  if (a instanceof Matrix) {
    if (!(b instanceof Matrix) && typeof b !== 'number') return undefined
    if (op === 'add') return a.add(b)
    if (op === 'sub') return a.sub(b)
    if (op === 'mul') return a.mul(b)
    if (op === 'div' && typeof b === 'number') return a.div(b)
    return undefined
  }
  if (typeof a === 'number' && b instanceof Matrix) {
    if (op === 'add') return b.add(a)
    if (op === 'sub') return b.neg().add(a)
    if (op === 'mul') return b.mul(a)
  }
  return undefined
}

function negSlow(a: unknown, name: string | undefined): unknown {
  if (a instanceof ValueNode || a instanceof TensorNode) {
    const out = a.neg()
    labelNode(out, name)
    return out
  }
  if (a instanceof Matrix) return a.neg()
  return -(a as number)
}

/** JavaScript's own operator, for operands that SimpleGrad has nothing to say about. */
function js(op: Op, a: unknown, b: unknown): unknown {
  /* eslint-disable @typescript-eslint/no-explicit-any */
  const x = a as any, y = b as any
  switch (op) {
    case 'add': return x + y
    case 'sub': return x - y
    case 'mul': return x * y
    case 'div': return x / y
    case 'pow': return x ** y
    case 'xor': return x ^ y
  }
  /* eslint-enable @typescript-eslint/no-explicit-any */
}

/** "a Value", "a number", "an array"...: how an error message names an operand. */
export function describe(x: unknown): string {
  if (x instanceof ValueNode) return 'a Value'
  if (x instanceof TensorNode) return 'a Tensor'
  if (x instanceof Matrix) return 'a Matrix'
  if (x === null) return 'null'
  if (x === undefined) return 'undefined'
  if (Array.isArray(x)) return 'an array'
  switch (typeof x) {
    case 'number': return 'a number'
    case 'string': return 'a string'
    case 'boolean': return 'a boolean'
    case 'bigint': return 'a bigint'
    case 'function': return 'a function'
    case 'symbol': return 'a symbol'
  }
  const name = (x as object).constructor?.name
  return name && name !== 'Object' ? `a ${name}` : 'an object'
}

/** What compiled code receives as `__sg`: the operators, labels and the notebook scope. */
export interface CellRuntime extends NotebookScope {
  add: typeof add
  sub: typeof sub
  subMul: typeof subMul
  mul: typeof mul
  div: typeof div
  pow: typeof pow
  xor: typeof xor
  neg: typeof neg
  label: typeof label
}

/**
 * The runtime for compiled cells. `global` is the notebook scope: it must be the global object
 * that the cells' code runs against (the worker's `globalThis`), since cells read earlier cells'
 * names as globals.
 */
export function createRuntime(global: object = globalThis): CellRuntime {
  return { add, sub, subMul, mul, div, pow, xor, neg, label, ...notebookScope(global) }
}
