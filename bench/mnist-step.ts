// The training step that the tensor and step benchmarks time: MNIST's 784-128-10 network on one
// seeded batch of 100, written once so that every variant times the same work.
import { backward, Matrix, rand, relu, seed, softmax_crossentropy, Tensor, zeros, type TensorNode } from '../src/engine/index.ts'
import { subMul } from '../src/runtime/operators.ts'

export const B = 100, IN = 784, H = 128, OUT = 10, LR = 0.1

/** A seeded batch: inputs in [0, 1) and one-hot labels. */
export function batch(): { x: Matrix; y: Matrix } {
  seed(7)
  const x = rand(B, IN)
  const y = new Matrix(B, OUT)
  for (let i = 0; i < B; i++) y.set(i, Math.floor(rand() * OUT), 1)
  return { x, y }
}

/** The engine's step, as the MNIST tutorial writes it, and its parameters (w1, b1, w2, b2). */
export function engineStep(x: Matrix, y: Matrix): { step: () => void; params: TensorNode[] } {
  seed(1234)
  const weights1 = Tensor(rand(IN, H).mul(0.01)), biases1 = Tensor(zeros(H))
  const weights2 = Tensor(rand(H, OUT).mul(0.01)), biases2 = Tensor(zeros(OUT))
  const params = [weights1, biases1, weights2, biases2]
  const step = () => {
    for (const p of params) p.grad.fill(0)
    const X = Tensor(x)
    const layer1 = relu(X.matmul(weights1).add(biases1))
    const layer2 = layer1.matmul(weights2).add(biases2)
    const loss = softmax_crossentropy(layer2, y)
    backward(loss)
    // `w.data = w.data - w.grad * lr`, as the tutorial's cell compiles it (one fused call)
    for (const p of params) p.data = subMul(p.data, p.grad, LR)
  }
  return { step, params }
}
