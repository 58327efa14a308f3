// The Value API: `Value(x)` with or without `new`, and its methods. Numbers are accepted wherever
// a Value is and become leaf Values, as Julia's promotion makes them.
import { describe } from './errors.ts'
import { formatFloat } from './format.ts'
import { ValueNode } from './node.ts'
import * as arith from './ops/value-arith.ts'
import * as unary from './ops/value-unary.ts'

export type ValueLike = ValueNode | number

declare module './node.ts' {
  interface ValueNode {
    add(o: ValueLike): ValueNode
    sub(o: ValueLike): ValueNode
    mul(o: ValueLike): ValueNode
    div(o: ValueLike): ValueNode
    /** `x ^ k`: an integer k as in SimpleGrad, any real k, or a Value exponent. */
    pow(o: ValueLike): ValueNode
    neg(): ValueNode
    exp(): ValueNode
    log(): ValueNode
    tanh(): ValueNode
    relu(): ValueNode
    sigmoid(): ValueNode
  }
}

export function toValue(x: unknown, op = 'Value'): ValueNode {
  if (x instanceof ValueNode) return x
  if (typeof x === 'number') return new ValueNode(x, 0, null, null, 0)
  throw new Error(`${op}: expected a Value or a number, got ${describe(x)}`)
}

export function makeValue(x: unknown): ValueNode {
  if (typeof x !== 'number') {
    throw new Error(`Value(x) expects a number, such as Value(4.0); got ${describe(x)}`)
  }
  return new ValueNode(x, 0, null, null, 0)
}

export const neg = (a: ValueNode) => arith.mul(a, new ValueNode(-1, 0, null, null, 0))
export const sub = (a: ValueNode, b: ValueNode) => arith.add(a, neg(b))
export const div = (a: ValueNode, b: ValueNode) => arith.mul(a, arith.inv(b))
export function pow(a: ValueNode, k: ValueLike): ValueNode {
  if (typeof k === 'number') return arith.pow(a, k)
  return arith.powv(a, toValue(k, 'pow'))
}

const P = ValueNode.prototype
P.add = function (o) { return arith.add(this, toValue(o, 'add')) }
P.sub = function (o) { return sub(this, toValue(o, 'sub')) }
P.mul = function (o) { return arith.mul(this, toValue(o, 'mul')) }
P.div = function (o) { return div(this, toValue(o, 'div')) }
P.pow = function (o) {
  if (typeof o !== 'number' && !(o instanceof ValueNode)) throw new Error(`pow: expected a number or a Value exponent, got ${describe(o)}`)
  return pow(this, o)
}
P.neg = function () { return neg(this) }
P.exp = function () { return unary.exp(this) }
P.log = function () { return unary.log(this) }
P.tanh = function () { return unary.tanh(this) }
P.relu = function () { return unary.relu(this) }
P.sigmoid = function () { return unary.sigmoid(this) }
P.toString = function () { return `Value(${formatFloat(this.data)})` }

export interface ValueConstructor {
  /** A scalar node holding `x`; `.data` and `.grad` are plain numbers. */
  (x: number): ValueNode
  new (x: number): ValueNode
  readonly prototype: ValueNode
}

/** `Value(4.0)` and `new Value(4.0)` both make a leaf; `x instanceof Value` works. */
export const Value = function Value(x: number): ValueNode {
  return makeValue(x)
} as unknown as ValueConstructor
;(Value as unknown as { prototype: ValueNode }).prototype = P
