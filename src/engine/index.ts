// SimpleGrad in TypeScript: the public surface of the engine (CONTRACT.md section 1).
export { Value, type ValueConstructor, type ValueLike } from './value.ts'
export { Tensor, type TensorConstructor, type TensorOptions } from './tensor.ts'
export { Matrix, type MatrixLike } from './matrix.ts'
export { ValueNode, TensorNode, type Node } from './node.ts'
export { backward, zero_grad, topo, opInfo, setBackwardObserver, type BackwardObserver, type BackwardTrace, type TraceStep, type BackwardOptions } from './backward.ts'
export { exp, log, tanh, relu, sigmoid, element_mul, sum, matmul, softmax_crossentropy } from './functions.ts'
export { show } from './show.ts'
export { formatFloat } from './format.ts'
export { seed, rand, randn, zeros, ones } from './random/index.ts'

import type { ValueNode } from './node.ts'
import type { TensorNode } from './node.ts'
/** A scalar node: `.data` is its number, `.grad` its gradient after `backward`. `Value(x)` makes one. */
export type Value = ValueNode
/** A 2-D node: `.data` and `.grad` are Matrices of its shape. `Tensor(a)` makes one. */
export type Tensor = TensorNode
export { installKernels, kernelPath, type KernelBinaries, type KernelPath } from './kernels/wasm.ts'
