// The seed's examples and tutorials as TypeScript cells with operators: fixtures for the editor's
// tests (unit and browser), which check that they type-check without a single error.

/** The Usage chapter of the seed, one cell per step. */
export const USAGE = [
  'const x = Value(4.0)\nprintln(x)',
  'println(x.data) // the number\nprintln(x.grad) // the gradient',
  'const y = Value(3.0)\nconst z = x + y\nprintln(z)',
  'backward(z)\nprintln(x.grad)\nprintln(y.grad)',
  'const x = Value(10.0)\nconst y = Value(3.0)\nconst z = x - y\nprintln(z)',
  'const x = Value(6.0)\nconst y = Value(2.0)\nconst z = x * y\nprintln(z)\nbackward(z)\nprintln(x.grad) // dz/dx = y = 2\nprintln(y.grad)',
  'const x = Value(15.0)\nconst y = Value(5.0)\nconst z = x / y\nbackward(z)\nprintln(x.grad)\nprintln(y.grad)',
  'const x = Value(5.0)\nconst y = 2 // the exponent\nconst z = x^y\nprintln(z)\nbackward(z)\nprintln(x.grad)',
  'const x = Value(2.0)\nconst z = exp(x)\nbackward(z)\nprintln(x.grad)',
  'const x = Value(10.0)\nconst z = log(x)\nbackward(z)\nprintln(x.grad)',
  'const x = Value(3.0)\nconst z = tanh(x)\nbackward(z)\nprintln(x.grad)',
  `const input1 = Value(2.3)
const input2 = Value(-3.5)
const input3 = Value(3.9)
const weight1 = Value(-0.8)
const weight2 = Value(1.8)
const weight3 = Value(3.0)
const bias = Value(-3.2)
const y_pred = tanh(input1*weight1 + input2*weight2 + input3*weight3 + bias)
const y_true = Value(0.8)
const loss = (y_pred - y_true)^2
println(loss)`,
  'backward(loss)\nprintln(weight1.grad)\nprintln(weight2.grad)\nprintln(weight3.grad)\nprintln(bias.grad)',
  'const x = Tensor([2.0, 3.0, 4.0])\nprintln(x)\nprintln(x.data)\nprintln(x.grad)',
  `seed(1234)
const inputs = Tensor(rand(2, 3)) // 2 batches, 3 input features per batch
const weights1 = Tensor(rand(3, 4))
const weights2 = Tensor(rand(4, 5))
const biases1 = Tensor([1.0, 1.0, 1.0, 1.0])
const biases2 = Tensor([1.0, 1.0, 1.0, 1.0, 1.0])
const layer1_out = relu(inputs * weights1 + biases1)
const layer2_out = layer1_out * weights2 + biases2
// one-hot, and not a Tensor: a plain matrix
const y_true = [[0, 1, 0, 0, 0],
                [0, 0, 0, 1, 0]]
const loss = softmax_crossentropy(layer2_out, y_true)
println(loss)`,
  'backward(loss)\nprintln(weights1.grad)\nprintln(weights2.grad)\nprintln(biases1.grad)\nprintln(biases2.grad)',
]

/** The linear regression tutorial: data, then training. */
export const LINEAR_REGRESSION = [
  `seed(1234)
const heights: number[] = []
const skills: number[] = []
for (let i = 0; i < 79; i++) {
  const h = 40 + Math.floor(rand() * 51)
  heights.push(h)
  skills.push(2 * h + 10 + randn() * 7)
}
heights.push(72)
skills.push(75)`,
  `const m = Value(0)
const b = Value(0)
const lr = 0.000002
for (let iter = 0; iter < 100000; iter++) {
  m.grad = 0
  b.grad = 0
  let loss = Value(0)
  for (let i = 0; i < heights.length; i++) {
    const pred = heights[i] * m + b
    loss += (pred - skills[i])^2
  }
  backward(loss)
  m.data -= m.grad * lr
  b.data -= b.grad * lr
  if (iter % 10000 === 0) println("loss ", loss.data)
}
println(m, " ", b)`,
]

/** The MNIST tutorial's model and one training step (random data in place of MNIST). */
export const MNIST_STEP = [
  `const weights1 = Tensor(0.01 * rand(784, 128))
const biases1 = Tensor(zeros(128))
const weights2 = Tensor(0.01 * rand(128, 10))
const biases2 = Tensor(zeros(10))
const lr = 0.1`,
  `const X = Tensor(rand(100, 784))
const y_one_hot = zeros(100, 10)
for (const w of [weights1, biases1, weights2, biases2]) zero_grad(w)
const layer1 = relu(X * weights1 + biases1)
const layer2 = layer1 * weights2 + biases2
const loss = softmax_crossentropy(layer2, y_one_hot)
backward(loss)
for (const w of [weights1, biases1, weights2, biases2]) w.data = w.data - w.grad * lr
println(loss.data.get(0, 0))`,
]
