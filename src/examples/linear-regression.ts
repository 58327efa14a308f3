// #example/linear-regression: SimpleGrad's linear-regression tutorial as a notebook. The data come
// from the seeded generator, the training loop is the original's (100,000 iterations of gradient
// descent on Values, learning rate 0.000002), written with operators, and the fitted line is drawn
// over the data. The prose is ours.
import type { ExampleCell, ExampleNotebook } from './types.ts'

const md = (...lines: string[]): ExampleCell => ({ kind: 'markdown', source: lines.join('\n') })
const code = (source: string, expected?: string[]): ExampleCell => ({ kind: 'code', source, ...(expected && { expected }) })

// The cells that the benchmarks and tests use too, named so that they import them.

/** The data: 79 seeded (height, skill) pairs around skill = 2 height + 10, one outlier, a scatter plot. */
export const DATA = code(`seed(1234)
const n = 79
const u = rand(n)      // n numbers in [0, 1), as a (1, n) Matrix
const noise = randn(n) // n numbers from the standard normal distribution
const heights = Array.from(u.data, (x) => 40 + Math.floor(x * 51)) // whole numbers 40..90
const skills = heights.map((h, i) => 2 * h + 10 + noise.data[i] * 7)
heights.push(72) // the outlier
skills.push(75)

scatter(heights, skills, { title: 'Skill by height', xlabel: 'height', ylabel: 'skill', label: 'people' })`, [])

/** Every height and skill as a Value, and the two parameters at zero. */
export const MODEL = code(`const height_values = heights.map((h) => Value(h))
const skill_values = skills.map((s) => Value(s))
const m_guess = Value(0)
const b_guess = Value(0)`, [])

/** 100,000 steps of gradient descent on the squared error; prints m and b. */
export const TRAINING = code(`const learning_rate = 0.000002
for (const iteration of progress.range(100_000, 'training')) {
  m_guess.grad = 0
  b_guess.grad = 0
  let loss = Value(0)
  for (let i = 0; i < height_values.length; i++) {
    const pred = height_values[i] * m_guess + b_guess
    loss += (pred - skill_values[i]) ^ 2
  }
  backward(loss)
  m_guess.data -= m_guess.grad * learning_rate
  b_guess.data -= b_guess.grad * learning_rate
}

println(m_guess)
println(b_guess)`)

export const linearRegression: ExampleNotebook = {
  id: 'linear-regression',
  title: 'Tutorial: linear regression with Values',
  description: 'Fit a line to noisy data by gradient descent, one Value at a time: 100,000 steps of backward().',
  cells: [
    md(
      '# Linear regression with Values',
      '',
      "Gradient descent in its smallest form. We make up some data in which a person's **skill** grows",
      'with their **height**, hide the rule under some noise, and let SimpleGrad find it again: two',
      'numbers, a slope $m$ and an intercept $b$, so that $\\text{skill} \\approx m \\cdot \\text{height} + b$.',
      '',
      'Press **Run all** (or run each cell with Shift+Enter) and watch the line appear.',
    ),
    md(
      '## The data',
      '',
      'Heights are whole numbers from 40 to 90. The rule behind the data is $\\text{skill} = 2 \\cdot \\text{height} + 10$,',
      'plus normally distributed noise with a standard deviation of 7. One more person, 72 tall with a skill of',
      'only 75, is added by hand: an outlier, as real data tend to have. `seed(1234)` makes the generator',
      'give the same numbers on every run, and to everyone you share the notebook with.',
    ),
    DATA,
    md(
      '## The model and its loss',
      '',
      'Our guess for one person is $\\hat{y} = m \\cdot x + b$, where $x$ is their height. How wrong the',
      'guesses are, all together, is the **loss**: the sum of the squared differences between guess and',
      'truth, $L = \\sum_i (m x_i + b - y_i)^2$. Squaring makes every error count as positive, and big',
      'errors count much more than small ones.',
      '',
      'Every height and skill becomes a `Value`, and so do the two parameters, which start at zero. Each time',
      'we compute the loss from them, SimpleGrad remembers how: `backward(loss)` then fills in `m.grad` and',
      '`b.grad`, the slope of the loss in the direction of each parameter.',
    ),
    MODEL,
    md(
      '## Training',
      '',
      'Gradient descent repeats one small step: compute the loss, ask for the gradients, and move each',
      'parameter a little *against* its gradient, downhill. How little is the **learning rate**. The',
      'loss here is a sum over 80 people with heights near 65, so its gradients are in the thousands, and',
      'a tiny rate of 0.000002 keeps the steps from overshooting.',
      '',
      "Notice `m_guess.grad = 0` and `b_guess.grad = 0` at the start of each step: `backward` *adds* to",
      'the gradients (a Value used twice gets both contributions), so old ones must be cleared first.',
      '',
      'That is 100,000 steps, each building a graph of some 560 Values and running back through it: about',
      '56 million nodes. It takes a few seconds; the bar under the cell shows how far it has got.',
    ),
    TRAINING,
    md(
      '## The fitted line',
      '',
      'The slope comes out close to the 2 we hid in the data. The intercept is less sure of itself: the',
      'heights are all far from zero, so a line can pivot a little around the middle of the data at',
      'almost no cost, and 100,000 small steps have not finished walking $b$ there. The noise and the',
      'outlier pull on both numbers too. Here is the line over the data:',
    ),
    code(`scatter(heights, skills, { title: 'Skill by height, and the fitted line', xlabel: 'height', ylabel: 'skill', label: 'people' })
const ends = [40, 90]
const line_label = \`skill = \${m_guess.data.toFixed(3)} × height + \${b_guess.data.toFixed(3)}\`
plot(ends, ends.map((x) => m_guess.data * x + b_guess.data), { add: true, label: line_label })`, []),
    md(
      '## Try it',
      '',
      '- Halve the learning rate to `0.000001`: $m$ and $b$ end further from where they are heading.',
      '  Then try `0.000003`, only 1.5 times the original: it is just past the largest rate this data',
      '  allows (about 0.00000299), every step overshoots by more than the last, and the numbers blow up.',
      '- Remove the outlier (the two `push` lines) and run everything again.',
      '- Print the loss every 10,000 iterations, or draw it: `const curve = plot([], [], { title: "loss" })`',
      '  before the loop and `curve.push(iteration, loss.data)` inside it.',
    ),
  ],
}
