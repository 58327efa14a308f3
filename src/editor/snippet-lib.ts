// What snippets see besides the engine: the runtime's own globals, and the overloads that give
// SimpleGrad's operators their types (op-rewrite.ts turns `a * b` into `__op_mul(a, b)`).
//
// The overloads follow the runtime's table (src/sandbox/operators.ts): on numbers, strings and
// bigints every operator keeps JavaScript's type; with a Value, Tensor or Matrix operand it is
// SimpleGrad's operation, and any other mix is an error, as it is when the cell runs.

import { EXTENSIONS_DTS } from './extensions-dts.ts'

/** Globals that the sandbox provides to every snippet, beside the engine's exports. */
const BASE_RUNTIME_DTS = `
/**
 * Writes its arguments one after another, with no separator, then a newline, as Julia's
 * \`println\`: numbers as Float64 (\`4.0\`), Values and Tensors as SimpleGrad shows them, strings as
 * they are.
 */
declare function println(...xs: unknown[]): void
/** As \`println\`, without the newline. */
declare function print(...xs: unknown[]): void
/**
 * Draws the computation graph of \`root\` in the graph panel as it stands, without running
 * backward (\`backward(root)\` draws it too, with every step of the pass).
 */
declare function draw(root: Value | Tensor): void

interface Console {
  log(...data: unknown[]): void
  info(...data: unknown[]): void
  warn(...data: unknown[]): void
  error(...data: unknown[]): void
  debug(...data: unknown[]): void
  table(data: unknown, columns?: string[]): void
  time(label?: string): void
  timeEnd(label?: string): void
}
declare var console: Console
declare function setTimeout(handler: (...args: unknown[]) => void, timeout?: number, ...args: unknown[]): number
declare function clearTimeout(id: number | undefined): void
declare function setInterval(handler: (...args: unknown[]) => void, timeout?: number, ...args: unknown[]): number
declare function clearInterval(id: number | undefined): void
declare function queueMicrotask(callback: () => void): void
declare var performance: { now(): number }
`

/** The runtime's globals, with the extensions' (plots, progress, MNIST, pads). */
export const RUNTIME_DTS = BASE_RUNTIME_DTS + EXTENSIONS_DTS

const VALUE_OPS = ['add', 'sub', 'mul', 'div', 'pow', 'xor'] as const

/** The overloads behind the operators: one function per operator. */
export const OPERATORS_DTS = [
  '// SimpleGrad operators, as the type checker reads them (`a * b` is checked as `__op_mul(a, b)`).',
  '/** `a + b` */',
  'declare function __op_add(a: number, b: number): number',
  'declare function __op_add(a: bigint, b: bigint): bigint',
  'declare function __op_add(a: string, b: unknown): string',
  'declare function __op_add(a: unknown, b: string): string',
  ...VALUE_OPS.flatMap((op) => [
    ...(op === 'add' ? [] : [`declare function __op_${op}(a: number, b: number): number`, `declare function __op_${op}(a: bigint, b: bigint): bigint`]),
    `declare function __op_${op}(a: Value, b: Value | number): Value`,
    `declare function __op_${op}(a: Value | number, b: Value): Value`,
    `declare function __op_${op}(a: Value | number, b: Value | number): Value | number`,
  ]),
  // Tensors: + - with a Tensor, * with a Tensor (the matrix product) or a number, / by a number.
  'declare function __op_add(a: Tensor, b: Tensor): Tensor',
  'declare function __op_sub(a: Tensor, b: Tensor): Tensor',
  'declare function __op_mul(a: Tensor, b: Tensor | number): Tensor',
  'declare function __op_mul(a: number, b: Tensor): Tensor',
  'declare function __op_div(a: Tensor, b: number): Tensor',
  // Matrices: + - * with a Matrix (* is the matrix product) or a number on either side, / by a number.
  ...(['add', 'sub', 'mul'] as const).flatMap((op) => [
    `declare function __op_${op}(a: Matrix, b: Matrix | number): Matrix`,
    `declare function __op_${op}(a: number, b: Matrix): Matrix`,
  ]),
  'declare function __op_div(a: Matrix, b: number): Matrix',
  '/** `-a` */',
  'declare function __op_neg(a: number): number',
  'declare function __op_neg(a: bigint): bigint',
  'declare function __op_neg(a: Value): Value',
  'declare function __op_neg(a: Tensor): Tensor',
  'declare function __op_neg(a: Matrix): Matrix',
  '',
].join('\n')
