// exp, log, tanh, relu and sigmoid of a Value: forward, local backward and the stepper's sentence.
// As in value-arith.ts, each local gradient is one function that backward adds and the sentence prints.
import { formatFloat as f } from '../format.ts'
import { ValueNode } from '../node.ts'
import { exp as expNum, log as logNum } from '../numeric.ts'
import { V } from './codes.ts'
import { says, type ValueOpDef } from './value-arith.ts'

export const exp = (a: ValueNode) => new ValueNode(expNum(a.d), V.EXP, a, null, 0)
const expGrad = (n: ValueNode) => n.d * n.g
export function expBackward(n: ValueNode): void {
  n.a!.g += expGrad(n)
}
export const expOp: ValueOpDef = {
  code: V.EXP, name: 'exp', symbol: 'exp', terms: [expGrad], backward: expBackward,
  explain: (n, name) => [says(name(n.a!), `exp(${name(n.a!)}.data) × ${name(n)}.grad`, `${f(n.d)} × ${f(n.g)}`, expGrad(n))],
}

export const log = (a: ValueNode) => new ValueNode(logNum(a.d), V.LOG, a, null, 0)
const logGrad = (n: ValueNode) => (1.0 / n.a!.d) * n.g
export function logBackward(n: ValueNode): void {
  n.a!.g += logGrad(n)
}
export const logOp: ValueOpDef = {
  code: V.LOG, name: 'log', symbol: 'log', terms: [logGrad], backward: logBackward,
  explain: (n, name) => [says(name(n.a!), `(1 / ${name(n.a!)}.data) × ${name(n)}.grad`, `(1 / ${f(n.a!.d)}) × ${f(n.g)}`, logGrad(n))],
}

/** SimpleGrad's tanh, (e^2x − 1)/(e^2x + 1), on a number: the one place the formula is written. */
export function tanhNum(x: number): number {
  const e = expNum(2 * x)
  // Past x ≈ 354.9, e^2x overflows and the formula gives Inf/Inf; its limit (already reached
  // exactly from x ≈ 19 on) is 1.
  return e === Infinity ? 1 : (e - 1) / (e + 1)
}
export const tanh = (a: ValueNode) => new ValueNode(tanhNum(a.d), V.TANH, a, null, 0)
/** d tanh(x)/dx = 1 − tanh(x)², from the node's own output */
const tanhGrad = (n: ValueNode) => (1 - n.d * n.d) * n.g
export function tanhBackward(n: ValueNode): void {
  n.a!.g += tanhGrad(n)
}
export const tanhOp: ValueOpDef = {
  code: V.TANH, name: 'tanh', symbol: 'tanh', terms: [tanhGrad], backward: tanhBackward,
  explain: (n, name) => [says(name(n.a!), `(1 − ${name(n)}.data²) × ${name(n)}.grad`, `(1 − ${f(n.d)}²) × ${f(n.g)}`, tanhGrad(n))],
}

export const reluNum = (x: number) => (x > 0 ? x : x !== x ? x : 0)
export const relu = (a: ValueNode) => new ValueNode(reluNum(a.d), V.RELU, a, null, 0)
const reluGrad = (n: ValueNode) => (n.a!.d > 0 ? n.g : 0)
export function reluBackward(n: ValueNode): void {
  n.a!.g += reluGrad(n)
}
export const reluOp: ValueOpDef = {
  code: V.RELU, name: 'relu', symbol: 'relu', terms: [reluGrad], backward: reluBackward,
  explain(n, name) {
    const a = n.a!
    return [says(name(a), `(${name(a)}.data > 0 ? 1 : 0) × ${name(n)}.grad`, `${a.d > 0 ? 1 : 0} × ${f(n.g)}`, reluGrad(n))]
  },
}

export const sigmoidNum = (x: number) => 1 / (1 + expNum(-x))
export const sigmoid = (a: ValueNode) => new ValueNode(sigmoidNum(a.d), V.SIGMOID, a, null, 0)
/** dσ/dx = σ (1 − σ), from the node's own output */
const sigmoidGrad = (n: ValueNode) => n.d * (1 - n.d) * n.g
export function sigmoidBackward(n: ValueNode): void {
  n.a!.g += sigmoidGrad(n)
}
export const sigmoidOp: ValueOpDef = {
  code: V.SIGMOID, name: 'sigmoid', symbol: 'σ', terms: [sigmoidGrad], backward: sigmoidBackward,
  explain: (n, name) => [says(name(n.a!), `σ × (1 − σ) × ${name(n)}.grad`, `${f(n.d)} × ${f(1 - n.d)} × ${f(n.g)}`, sigmoidGrad(n))],
}
