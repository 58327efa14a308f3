// Op codes: small integers so that backward can dispatch with a switch the JIT compiles well.

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
