// SimpleGrad in TypeScript: the public surface of the engine (CONTRACT.md section 1).
export { Value, type ValueConstructor, type ValueLike } from './value.ts'
export { Tensor, type TensorConstructor, type TensorOptions } from './tensor.ts'
export { Matrix, type MatrixLike } from './matrix.ts'
export { ValueNode, TensorNode, type Node } from './node.ts'
export { backward, zero_grad, topo, opInfo, setBackwardObserver, type BackwardObserver, type BackwardTrace, type TraceStep, type BackwardOptions } from './backward.ts'
export { exp, log, tanh, relu, sigmoid, element_mul, sum } from './functions.ts'
export { softmax_crossentropy } from './ops/softmax.ts'
export { matmul } from './ops/matmul.ts'
export { show } from './show.ts'
export { formatFloat } from './format.ts'
export { seed, rand, randn, zeros, ones } from './random/index.ts'

import type { ValueNode } from './node.ts'
import type { TensorNode } from './node.ts'
/** The type of a scalar node (`Value` is also the constructor). */
export type Value = ValueNode
/** The type of a 2-D node (`Tensor` is also the constructor). */
export type Tensor = TensorNode
export { installKernels, kernelPath, type KernelBinaries, type KernelPath } from './kernels/wasm.ts'
