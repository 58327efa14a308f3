// #example/mnist: SimpleGrad's MNIST tutorial as a notebook: the original's model (784-128-10,
// weights 0.01 * rand, zero biases), batch 100, 3 epochs, learning rate 0.1, the loss printed every
// 50 batches and drawn live, the test accuracy, guess_digit, and beyond the original a drawing pad
// that asks the trained model about the reader's own digits. The prose is ours.
import type { ExampleCell, ExampleNotebook } from './types.ts'

const md = (...lines: string[]): ExampleCell => ({ kind: 'markdown', source: lines.join('\n') })
const code = (source: string, expected?: string[]): ExampleCell => ({ kind: 'code', source, ...(expected && { expected }) })

export const mnistTutorial: ExampleNotebook = {
  id: 'mnist',
  title: 'Tutorial: MNIST digits with Tensors',
  description: 'Train a two-layer network on handwritten digits with Tensors, watch the loss fall, then draw your own digit for it.',
  cells: [
    md(
      '# Handwritten digits with Tensors',
      '',
      'The linear-regression tutorial pushed single numbers through the graph. A neural network does the',
      'same with whole matrices at a time: SimpleGrad\'s `Tensor`. Here we teach a small network to read',
      'handwritten digits, the classic **MNIST** data set, then let you draw digits for it to read.',
    ),
    md(
      '## The data',
      '',
      'Each image is 28 by 28 grey pixels, flattened into one row of 784 numbers between 0 (paper) and 1',
      '(ink), and labelled with the digit it shows. `mnist.load()` hands us the standard split: 60,000',
      'images for training and 10,000 that the network never sees while it learns, for testing it.',
    ),
    code(`const { train, test } = await mnist.load()
println(\`training images: \${train.count}, test images: \${test.count}\`)
imshow(train.image(0), { title: \`train.image(0), labelled \${train.label(0)}\` })`, ['training images: 60000, test images: 10000']),
    md(
      '## The model',
      '',
      'Two layers. The first multiplies a batch of images, a $(100, 784)$ matrix, by `weights1`, adds',
      '`biases1`, and keeps only the positive part (`relu`): 128 numbers per image, features the network',
      'will learn to look for. The second turns those 128 numbers into 10 scores, one per digit.',
      '',
      'The weights start as small random numbers, `0.01 * rand(...)`, and the biases at zero, as in the',
      'original tutorial. With `seed(1234)` everyone starts from the same network.',
    ),
    code(`seed(1234)
const weights1 = Tensor(0.01 * rand(784, 128))
const biases1 = Tensor(zeros(128))
const weights2 = Tensor(0.01 * rand(128, 10))
const biases2 = Tensor(zeros(10))`, []),
    md(
      '## Training',
      '',
      'The scores become probabilities with a *softmax*, and `softmax_crossentropy` measures how little',
      'probability the network gave the right digit (the labels come **one-hot**: a row of ten numbers with',
      'a 1 at the right digit). `backward(loss)` fills the `grad` of all four parameters at once, and each',
      'step moves them against their gradients with a learning rate of 0.1.',
      '',
      'We go through the training images in batches of 100, three times over (three **epochs**). The',
      'original trained on 33,600 images (80% of the 42,000 it had), so we take as many of our 60,000:',
      '336 batches per epoch. Change `train_count` to `60_000` to use them all. The loss is printed',
      'every 50 batches and drawn after every batch; the bar under the cell counts images and how many',
      'the network learns from per second.',
    ),
    code(`const batch_size = 100
const epochs = 3
const learning_rate = 0.1
const train_count = 33_600
const num_batches = train_count / batch_size

const loss_curve = plot([], [], { title: 'Training loss', xlabel: 'batch', ylabel: 'loss' })
for (let epoch = 1; epoch <= epochs; epoch++) {
  for (let batch = 1; batch <= num_batches; batch++) {
    const step = (epoch - 1) * num_batches + batch
    progress((step - 1) * batch_size, epochs * train_count, 'training', 'images')
    const start = (batch - 1) * batch_size
    const X = Tensor(train.images(start, start + batch_size))
    const y_one_hot = train.onehot(start, start + batch_size)

    weights1.grad.fill(0)
    biases1.grad.fill(0)
    weights2.grad.fill(0)
    biases2.grad.fill(0)

    const layer1 = relu(X * weights1 + biases1)
    const layer2 = layer1 * weights2 + biases2
    const loss = softmax_crossentropy(layer2, y_one_hot)
    backward(loss)

    weights1.data = weights1.data - weights1.grad * learning_rate
    biases1.data = biases1.data - biases1.grad * learning_rate
    weights2.data = weights2.data - weights2.grad * learning_rate
    biases2.data = biases2.data - biases2.grad * learning_rate

    loss_curve.push(step, loss.data.get(0, 0))
    if (batch % 50 === 0) println(\`Epoch: \${epoch}, batch: \${batch}, loss: \${loss.data.get(0, 0).toFixed(4)}\`)
  }
}`),
    md(
      '## How good is it?',
      '',
      'The real test is images the network has never seen. We run all 10,000 test images through it at',
      'once and count how often the highest of the ten scores is the right digit.',
    ),
    code(`/** The column of row i's largest number: the digit the model rates highest. */
function argmax(scores: Matrix, i: number): number {
  let best = 0
  for (let j = 1; j < scores.cols; j++) {
    if (scores.get(i, j) > scores.get(i, best)) best = j
  }
  return best
}

const X_test = Tensor(test.images())
const test_scores = (relu(X_test * weights1 + biases1) * weights2 + biases2).data
let correct = 0
for (let i = 0; i < test.count; i++) {
  if (argmax(test_scores, i) === test.labels[i]) correct += 1
}
const accuracy = correct / test.count
println("test accuracy: ", accuracy)`),
    md(
      '## guess_digit',
      '',
      'One image at a time, as in the original: run it through the two layers and take the best score.',
      'Change `k` to look at other test images.',
    ),
    code(`function guess_digit(image: Matrix): number {
  const layer1 = relu(Tensor(image) * weights1 + biases1)
  const layer2 = layer1 * weights2 + biases2
  return argmax(layer2.data, 0)
}

const k = 0
imshow(test.image(k), { title: \`test.image(\${k}), labelled \${test.label(k)}\` })
println(\`the model's guess: \${guess_digit(test.image(k))}\`)`),
    md(
      '## Your turn: draw a digit',
      '',
      'Draw a digit on the pad below with the mouse, a pen or a finger. After each stroke the drawing is',
      'scaled and centred the way MNIST\'s digits were, and goes to the function given to `pad`: the bars',
      'are the model\'s ten probabilities (the softmax of its scores). Digits drawn big and in the middle,',
      'with a thick stroke, look most like what it was trained on. **Clear** starts again.',
    ),
    code(`/** The model's probability for each digit: the softmax of its ten scores. */
function probabilities(image: Matrix): number[] {
  const scores = (relu(Tensor(image) * weights1 + biases1) * weights2 + biases2).data.data
  const top = Math.max(...scores)
  const e = Array.from(scores, (s) => Math.exp(s - top))
  const total = e.reduce((a, b) => a + b, 0)
  return e.map((x) => x / total)
}

pad((pixels) => {
  const p = probabilities(pixels)
  const digit = p.indexOf(Math.max(...p))
  return { text: \`I think it's a \${digit} (\${(100 * p[digit]).toFixed(0)}% sure)\`, bars: p }
}, { title: 'Draw a digit' })`, []),
  ],
}
