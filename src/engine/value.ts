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
    /** `this + o`, a new Value; d/dthis = 1, d/do = 1. Same as the operator `+`. */
    add(o: ValueLike): ValueNode
    /** `this - o`, built as `this + (-o)` as in SimpleGrad. Same as `-`. */
    sub(o: ValueLike): ValueNode
    /** `this * o`; d/dthis = o, d/do = this. Same as `*`. */
    mul(o: ValueLike): ValueNode
    /** `this / o`, built as `this * o^-1` (the reciprocal is a node of its own). Same as `/`. */
    div(o: ValueLike): ValueNode
    /** `this ^ k`: an integer k as in SimpleGrad (d/dx = k x^(k-1)), any real k, or a Value exponent. Same as `^` and `**`. */
    pow(o: ValueLike): ValueNode
    /** `-this`, built as `this * -1`. */
    neg(): ValueNode
    /** e^this; gradient e^this. */
    exp(): ValueNode
    /** The natural logarithm; gradient 1/this. */
    log(): ValueNode
    /** SimpleGrad's tanh, (e^2x − 1)/(e^2x + 1); gradient 1 − tanh². */
    tanh(): ValueNode
    /** max(this, 0); gradient 1 where this > 0, else 0. */
    relu(): ValueNode
    /** 1/(1 + e^−this); gradient σ(1 − σ). */
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
