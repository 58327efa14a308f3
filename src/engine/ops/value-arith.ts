// Addition, multiplication, powers and the reciprocal of Values: forward, local backward and the
// stepper's sentence for each, side by side. Subtraction, negation and division are built from
// these in value.ts, exactly as SimpleGrad builds them. Each op's local gradients are written once,
// as the functions `*Grad*`: backward adds them and the sentence prints them, so the two agree.
import { formatFloat as f } from '../format.ts'
import { ValueNode } from '../node.ts'
import { log } from '../numeric.ts'
import { V, type OpDef } from './codes.ts'

export type NameOf = (n: ValueNode) => string

/** A Value op: its local gradient terms, one per input, are what backward adds to each input's grad. */
export interface ValueOpDef extends OpDef<ValueNode> {
  terms: readonly ((n: ValueNode) => number)[]
}

/** One sentence of the stepper: `x.grad += <rule> = <the rule's numbers> = <what backward adds>`. */
export function says(input: string, rule: string, numbers: string | null, added: number): string {
  return `${input}.grad += ${rule}${numbers === null ? '' : ` = ${numbers}`} = ${f(added)}`
}

export const add = (a: ValueNode, b: ValueNode) => new ValueNode(a.d + b.d, V.ADD, a, b, 0)
const addGrad = (n: ValueNode) => n.g
export function addBackward(n: ValueNode): void {
  n.a!.g += addGrad(n)
  n.b!.g += addGrad(n)
}
export const addOp: ValueOpDef = {
  code: V.ADD, name: 'add', symbol: '+', terms: [addGrad, addGrad], backward: addBackward,
  explain: (n, name) => [n.a!, n.b!].map((x) => says(name(x), `${name(n)}.grad`, null, addGrad(n))),
}

export const mul = (a: ValueNode, b: ValueNode) => new ValueNode(a.d * b.d, V.MUL, a, b, 0)
const mulGradA = (n: ValueNode) => n.b!.d * n.g
const mulGradB = (n: ValueNode) => n.a!.d * n.g
export function mulBackward(n: ValueNode): void {
  n.a!.g += mulGradA(n)
  n.b!.g += mulGradB(n)
}
export const mulOp: ValueOpDef = {
  code: V.MUL, name: 'mul', symbol: '×', terms: [mulGradA, mulGradB], backward: mulBackward,
  explain(n, name) {
    const a = n.a!, b = n.b!
    const line = (x: ValueNode, other: ValueNode, added: number) =>
      says(name(x), `${name(other)}.data × ${name(n)}.grad`, `${f(other.d)} × ${f(n.g)}`, added)
    return [line(a, b, mulGradA(n)), line(b, a, mulGradB(n))]
  },
}

/** `x ^ k` for a constant k. Integer k follows SimpleGrad (d/dx = k x^(k-1)); real k extends it. */
export const pow = (a: ValueNode, k: number) => new ValueNode(a.d ** k, V.POW, a, null, k)
// x ** 1 is x exactly, and the square (the usual loss) is worth not calling pow for: its
// exponent is not a constant that the compiler could fold.
const powGrad = (n: ValueNode) => {
  const e = n.k - 1
  return n.k * (e === 1 ? n.a!.d : n.a!.d ** e) * n.g
}
export function powBackward(n: ValueNode): void {
  n.a!.g += powGrad(n)
}
export const powOp: ValueOpDef = {
  code: V.POW, name: 'pow', symbol: '^', terms: [powGrad], backward: powBackward,
  explain(n, name) {
    const a = n.a!, k = n.k
    return [says(name(a), `${f(k)} × ${name(a)}.data^${f(k - 1)} × ${name(n)}.grad`, `${f(k)} × ${f(a.d)}^${f(k - 1)} × ${f(n.g)}`, powGrad(n))]
  },
}

/** `x ^ y` with a Value exponent: d/dx = y x^(y-1), d/dy = x^y log(x). */
export const powv = (a: ValueNode, b: ValueNode) => new ValueNode(a.d ** b.d, V.POWV, a, b, 0)
const powvGradA = (n: ValueNode) => n.b!.d * n.a!.d ** (n.b!.d - 1) * n.g
const powvGradB = (n: ValueNode) => n.d * log(n.a!.d) * n.g
export function powvBackward(n: ValueNode): void {
  n.a!.g += powvGradA(n)
  n.b!.g += powvGradB(n)
}
export const powvOp: ValueOpDef = {
  code: V.POWV, name: 'pow', symbol: '^', terms: [powvGradA, powvGradB], backward: powvBackward,
  explain(n, name) {
    const a = n.a!, b = n.b!
    return [
      says(name(a), `${name(b)}.data × ${name(a)}.data^(${name(b)}.data − 1) × ${name(n)}.grad`, `${f(b.d)} × ${f(a.d)}^(${f(b.d)} − 1) × ${f(n.g)}`, powvGradA(n)),
      says(name(b), `${name(n)}.data × log(${name(a)}.data) × ${name(n)}.grad`, `${f(n.d)} × ${f(log(a.d))} × ${f(n.g)}`, powvGradB(n)),
    ]
  },
}

/** 1 / x, the node that division is made of: d/dx = -1/x². */
export const inv = (a: ValueNode) => new ValueNode(1.0 / a.d, V.INV, a, null, 0)
// Added as a negative term: x + (−y) rounds exactly as x − y, so the grads are SimpleGrad's.
const invGrad = (n: ValueNode) => -((1.0 / (n.a!.d * n.a!.d)) * n.g)
export function invBackward(n: ValueNode): void {
  n.a!.g += invGrad(n)
}
export const invOp: ValueOpDef = {
  code: V.INV, name: 'inv', symbol: '1/x', terms: [invGrad], backward: invBackward,
  explain(n, name) {
    const a = n.a!
    return [says(name(a), `−${name(n)}.grad / ${name(a)}.data²`, `${f(-n.g)} / ${f(a.d)}²`, invGrad(n))]
  },
}
