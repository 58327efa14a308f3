// exp, log, tanh, relu and sigmoid of a Value: forward, local backward and the stepper's sentence.
import { formatFloat as f } from '../format.ts'
import { ValueNode } from '../node.ts'
import { exp as expNum, log as logNum } from '../numeric.ts'
import { V, type OpInfo } from './codes.ts'
import type { NameOf } from './value-arith.ts'

export const expInfo: OpInfo = { name: 'exp', symbol: 'exp' }
export const exp = (a: ValueNode) => new ValueNode(expNum(a.data), V.EXP, a, null, 0)
export function expBackward(n: ValueNode): void {
  n.a!.grad += n.data * n.grad
}
export function expExplain(n: ValueNode, name: NameOf): string[] {
  return [`${name(n.a!)}.grad += exp(${name(n.a!)}.data) × ${name(n)}.grad = ${f(n.data)} × ${f(n.grad)} = ${f(n.data * n.grad)}`]
}

export const logInfo: OpInfo = { name: 'log', symbol: 'log' }
export const log = (a: ValueNode) => new ValueNode(logNum(a.data), V.LOG, a, null, 0)
export function logBackward(n: ValueNode): void {
  n.a!.grad += (1.0 / n.a!.data) * n.grad
}
export function logExplain(n: ValueNode, name: NameOf): string[] {
  const a = n.a!
  return [`${name(a)}.grad += (1 / ${name(a)}.data) × ${name(n)}.grad = (1 / ${f(a.data)}) × ${f(n.grad)} = ${f((1.0 / a.data) * n.grad)}`]
}

/** SimpleGrad's tanh: (e^2x - 1) / (e^2x + 1), with d/dx = 1 - tanh². */
export const tanhInfo: OpInfo = { name: 'tanh', symbol: 'tanh' }
export function tanhNum(x: number): number {
  const e = expNum(2 * x)
  // Past x ≈ 354.9, e^2x overflows and the formula gives Inf/Inf; its limit (already reached
  // exactly from x ≈ 19 on) is 1.
  return e === Infinity ? 1 : (e - 1) / (e + 1)
}
export const tanh = (a: ValueNode) => new ValueNode(tanhNum(a.data), V.TANH, a, null, 0)
export function tanhBackward(n: ValueNode): void {
  n.a!.grad += (1 - n.data * n.data) * n.grad
}
export function tanhExplain(n: ValueNode, name: NameOf): string[] {
  return [`${name(n.a!)}.grad += (1 − ${name(n)}.data²) × ${name(n)}.grad = (1 − ${f(n.data)}²) × ${f(n.grad)} = ${f((1 - n.data * n.data) * n.grad)}`]
}

export const reluInfo: OpInfo = { name: 'relu', symbol: 'relu' }
export const reluNum = (x: number) => (x > 0 ? x : x !== x ? x : 0)
export const relu = (a: ValueNode) => new ValueNode(reluNum(a.data), V.RELU, a, null, 0)
export function reluBackward(n: ValueNode): void {
  n.a!.grad += n.a!.data > 0 ? n.grad : 0
}
export function reluExplain(n: ValueNode, name: NameOf): string[] {
  const a = n.a!
  return [`${name(a)}.grad += (${name(a)}.data > 0 ? 1 : 0) × ${name(n)}.grad = ${a.data > 0 ? 1 : 0} × ${f(n.grad)} = ${f(a.data > 0 ? n.grad : 0)}`]
}

export const sigmoidInfo: OpInfo = { name: 'sigmoid', symbol: 'σ' }
export const sigmoidNum = (x: number) => 1 / (1 + expNum(-x))
export const sigmoid = (a: ValueNode) => new ValueNode(sigmoidNum(a.data), V.SIGMOID, a, null, 0)
export function sigmoidBackward(n: ValueNode): void {
  n.a!.grad += n.data * (1 - n.data) * n.grad
}
export function sigmoidExplain(n: ValueNode, name: NameOf): string[] {
  return [`${name(n.a!)}.grad += σ × (1 − σ) × ${name(n)}.grad = ${f(n.data)} × ${f(1 - n.data)} × ${f(n.grad)} = ${f(n.data * (1 - n.data) * n.grad)}`]
}
