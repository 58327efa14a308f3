// Op codes and the shape of an op's one declaration. Codes are small integers so that backward can
// dispatch with a switch the JIT compiles well; every other use goes through the op's record
// (table.ts), found by its code, never by its position in a list.

export const V = {
  LEAF: 0, ADD: 1, MUL: 2, POW: 3, POWV: 4, INV: 5, EXP: 6, LOG: 7, TANH: 8, RELU: 9, SIGMOID: 10,
} as const

export const T = {
  LEAF: 0, ADD: 1, MATMUL: 2, SCALE: 3, EMUL: 4, SUM: 5, RELU: 6, SOFTMAX_CE: 7,
} as const

/** What the graph and the stepper need to know of an op. */
export interface OpInfo {
  /** the name used in code, e.g. `tanh` or `matmul` */
  name: string
  /** what an op node shows, e.g. `+`, `×`, `tanh` */
  symbol: string
}

/** An op, declared once, beside its forward: its code, names, local backward and explanation. */
export interface OpDef<N> extends OpInfo {
  /** the node's `op` (V.* or T.*) */
  code: number
  /** adds this node's contribution to each input's grad (the switch in backward.ts calls it) */
  backward(n: N): void
  /** the stepper's sentences, one per input, with this step's numbers; called before `backward` */
  explain(n: N, name: (n: N) => string): string[]
}
