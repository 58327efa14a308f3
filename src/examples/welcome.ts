// The notebook a first visit opens: one idea, one cell to run, and where to go next.
import type { ExampleNotebook } from './types.ts'

export const welcome: ExampleNotebook = {
  id: 'welcome',
  title: 'Welcome',
  description: 'A first gradient, and where to go next.',
  cells: [
    {
      kind: 'markdown',
      source: `# Backpropagation, one node at a time

A \`Value\` holds a number and remembers how it was made. Call \`backward\` on a result, and every
input learns its gradient: how much the result changes when that input changes.
Here $z = x \\cdot y$, so $\\frac{\\partial z}{\\partial x} = y$ and $\\frac{\\partial z}{\\partial y} = x$.

Run the cell below with **Shift+Enter** (or the ▶ button), then change the numbers.`,
    },
    {
      kind: 'code',
      source: `const x = Value(6.0)
const y = Value(2.0)
const z = x * y
backward(z)
println(z)
println(x.grad)   // dz/dx = y
println(y.grad)   // dz/dy = x`,
      expected: ['Value(12.0)', '2.0', '6.0'],
    },
    {
      kind: 'markdown',
      source: `Next: the whole of SimpleGrad's Usage chapter is in the **Examples** menu
([open it](#example/usage)), with every output of the original, digit for digit.`,
    },
  ],
}
