// The op table: every op's record, found by its code. A record is declared once, beside its op's
// forward (value-arith.ts, value-unary.ts, tensor-elementwise.ts, matmul.ts, softmax.ts); this file
// only lists them. Order does not matter: each is placed at its own code.
import type { TensorNode } from '../node.ts'
import { T, V, type OpDef } from './codes.ts'
import * as va from './value-arith.ts'
import * as vu from './value-unary.ts'
import * as te from './tensor-elementwise.ts'
import * as mm from './matmul.ts'
import * as sm from './softmax.ts'

function byCode<D extends { code: number; name: string }>(kind: string, codes: Record<string, number>, defs: D[]): D[] {
  const table: D[] = []
  for (const d of defs) {
    if (table[d.code]) throw new Error(`${kind} ops ${table[d.code].name} and ${d.name} share the code ${d.code}`)
    table[d.code] = d
  }
  for (const [key, code] of Object.entries(codes)) {
    if (code !== 0 && !table[code]) throw new Error(`${kind} op ${key} (code ${code}) has no record`)
  }
  return table
}

/** Value ops, indexed by their code (V.*); index 0, the leaf, is empty. */
export const VALUE_OPS: readonly va.ValueOpDef[] = byCode('Value', V, [
  va.addOp, va.mulOp, va.powOp, va.powvOp, va.invOp, vu.expOp, vu.logOp, vu.tanhOp, vu.reluOp, vu.sigmoidOp,
])

/** Tensor ops, indexed by their code (T.*); index 0, the leaf, is empty. */
export const TENSOR_OPS: readonly OpDef<TensorNode>[] = byCode('Tensor', T, [
  te.addOp, mm.matmulOp, te.scaleOp, te.emulOp, te.sumOp, te.reluOp, sm.softmaxOp,
])
