// Addition, multiplication, powers and the reciprocal of Values: forward, local backward and the
// stepper's sentence for each, side by side. Subtraction, negation and division are built from
// these in value.ts, exactly as SimpleGrad builds them.
import { formatFloat as f } from '../format.ts'
import { ValueNode } from '../node.ts'
import { log } from '../numeric.ts'
import { V, type OpInfo } from './codes.ts'

export type NameOf = (n: ValueNode) => string

export const addInfo: OpInfo = { name: 'add', symbol: '+' }
export const add = (a: ValueNode, b: ValueNode) => new ValueNode(a.data + b.data, V.ADD, a, b, 0)
export function addBackward(n: ValueNode): void {
  n.a!.grad += n.grad
  n.b!.grad += n.grad
}
export function addExplain(n: ValueNode, name: NameOf): string[] {
  const line = (x: ValueNode) => `${name(x)}.grad += ${name(n)}.grad = ${f(n.grad)}`
  return [line(n.a!), line(n.b!)]
}

export const mulInfo: OpInfo = { name: 'mul', symbol: '×' }
export const mul = (a: ValueNode, b: ValueNode) => new ValueNode(a.data * b.data, V.MUL, a, b, 0)
export function mulBackward(n: ValueNode): void {
  const a = n.a!, b = n.b!
  a.grad += b.data * n.grad
  b.grad += a.data * n.grad
}
export function mulExplain(n: ValueNode, name: NameOf): string[] {
  const line = (x: ValueNode, other: ValueNode) =>
    `${name(x)}.grad += ${name(other)}.data × ${name(n)}.grad = ${f(other.data)} × ${f(n.grad)} = ${f(other.data * n.grad)}`
  return [line(n.a!, n.b!), line(n.b!, n.a!)]
}

/** `x ^ k` for a constant k. Integer k follows SimpleGrad (d/dx = k x^(k-1)); real k extends it. */
export const powInfo: OpInfo = { name: 'pow', symbol: '^' }
export const pow = (a: ValueNode, k: number) => new ValueNode(a.data ** k, V.POW, a, null, k)
export function powBackward(n: ValueNode): void {
  const a = n.a!
  a.grad += n.k * a.data ** (n.k - 1) * n.grad
}
export function powExplain(n: ValueNode, name: NameOf): string[] {
  const a = n.a!, k = n.k
  return [`${name(a)}.grad += ${f(k)} × ${name(a)}.data^${f(k - 1)} × ${name(n)}.grad = ${f(k)} × ${f(a.data)}^${f(k - 1)} × ${f(n.grad)} = ${f(k * a.data ** (k - 1) * n.grad)}`]
}

/** `x ^ y` with a Value exponent: d/dx = y x^(y-1), d/dy = x^y log(x). */
export const powvInfo: OpInfo = { name: 'pow', symbol: '^' }
export const powv = (a: ValueNode, b: ValueNode) => new ValueNode(a.data ** b.data, V.POWV, a, b, 0)
export function powvBackward(n: ValueNode): void {
  const a = n.a!, b = n.b!
  a.grad += b.data * a.data ** (b.data - 1) * n.grad
  b.grad += n.data * log(a.data) * n.grad
}
export function powvExplain(n: ValueNode, name: NameOf): string[] {
  const a = n.a!, b = n.b!
  return [
    `${name(a)}.grad += ${name(b)}.data × ${name(a)}.data^(${name(b)}.data − 1) × ${name(n)}.grad = ${f(b.data * a.data ** (b.data - 1) * n.grad)}`,
    `${name(b)}.grad += ${name(n)}.data × log(${name(a)}.data) × ${name(n)}.grad = ${f(n.data)} × ${f(log(a.data))} × ${f(n.grad)} = ${f(n.data * log(a.data) * n.grad)}`,
  ]
}

/** 1 / x, the node that division is made of: d/dx = -1/x². */
export const invInfo: OpInfo = { name: 'inv', symbol: '1/x' }
export const inv = (a: ValueNode) => new ValueNode(1.0 / a.data, V.INV, a, null, 0)
export function invBackward(n: ValueNode): void {
  const a = n.a!
  a.grad -= (1.0 / (a.data * a.data)) * n.grad
}
export function invExplain(n: ValueNode, name: NameOf): string[] {
  const a = n.a!
  return [`${name(a)}.grad −= ${name(n)}.grad / ${name(a)}.data² = ${f(n.grad)} / ${f(a.data)}² = ${f(-(1.0 / (a.data * a.data)) * n.grad)}`]
}
