// #example/usage: the Usage chapter of SimpleGrad.jl (shared/SEED-simplegrad-usage.txt) as a
// notebook. Its prose is the markdown cells; each Julia example is a code cell written in
// TypeScript with operators, and `expected` holds the lines the chapter says it prints (its
// `# output:` lines, all 34 of them, in order). The cells run in one scope, top to bottom.
import type { ExampleCell, ExampleNotebook } from './types.ts'

/** A markdown cell; each argument is one line of its source. */
const md = (...lines: string[]): ExampleCell => ({ kind: 'markdown', source: lines.join('\n') })

/** A code cell and the exact lines it prints. */
const code = (source: string, expected: string[]): ExampleCell => ({ kind: 'code', source, expected })

// The cells that other places use too (browser tests, benchmarks, the graph's fixtures): named, so
// that they import them rather than keep a copy.

/** The seed's neuron: 3 inputs, 3 weights, a bias, tanh and a squared error; prints the loss. */
export const NEURON = code(`const input1 = Value(2.3)
const input2 = Value(-3.5)
const input3 = Value(3.9)

const weight1 = Value(-0.8)
const weight2 = Value(1.8)
const weight3 = Value(3.0)

const bias = Value(-3.2)

const y_pred = tanh(input1 * weight1 + input2 * weight2 + input3 * weight3 + bias)
const y_true = Value(0.8)

const loss = (y_pred - y_true) ^ 2

println(loss)`, ['Value(0.20683027474728832)'])

/** backward through the neuron, then the four gradients. */
export const NEURON_BACKWARD = code(`backward(loss)

println(weight1.grad) // dloss/dweight1
println(weight2.grad) // dloss/dweight2
println(weight3.grad) // dloss/dweight3
println(bias.grad) // dloss/dbias`, ['-1.8427042527651991', '2.80411516725139', '-3.12458547208012', '-0.8011757620718257'])

/** A Tensor made from a row of numbers. */
export const TENSOR = code(`const x = Tensor([2.0, 3.0, 4.0])

println(x)`, ['Tensor([2.0, 3.0, 4.0])'])

/** Two dense layers, relu, and softmax cross-entropy on seeded random inputs; prints the loss. */
export const TENSOR_NETWORK = code(`seed(1234) // Julia: Random.seed!(1234)

const inputs = Tensor(rand(2, 3)) // matrix with shape (2, 3): 2 batches, 3 input features per batch
const weights1 = Tensor(rand(3, 4)) // matrix with shape (3, 4): takes 3 inputs, has 4 neurons
const weights2 = Tensor(rand(4, 5)) // matrix with shape (4, 5): takes 4 inputs, has 5 neurons
const biases1 = Tensor([1.0, 1.0, 1.0, 1.0]) // bias vector for the first layer's neurons
const biases2 = Tensor([1.0, 1.0, 1.0, 1.0, 1.0]) // bias vector for the second layer's neurons

const layer1_out = relu(inputs * weights1 + biases1)

const layer2_out = layer1_out * weights2 + biases2

// important: the correct classes are one-hot encoded and NOT a Tensor, just a regular matrix
const y_true = [[0, 1, 0, 0, 0],
                [0, 0, 0, 1, 0]]

const loss = softmax_crossentropy(layer2_out, y_true)

println(loss)`, ['Tensor([2.137377648400186])'])

/** backward through the network, then the weights' and biases' gradients. */
export const TENSOR_NETWORK_BACKWARD = code(`backward(loss)

println(weights1.grad)
println(weights2.grad)
println(biases1.grad)
println(biases2.grad)`, [
      '[-0.3908952261176255 0.12683215951155127 0.2416920583878119 0.38808820865148697; -0.29634913482989794 0.07488805376600344 0.14838075027585607 0.29197521584353536; -0.4750896539667244 0.14050215019726503 0.27138275497284103 0.4702367656227933]',
      '[0.863617972699941 -0.2976748175494542 0.023649534838850777 -0.6817622076321975 0.09216951764285997; 1.0039983446760201 -0.3429788768507116 0.02749410384710956 -0.7956612611906658 0.10714768951824792; 1.19691493443326 -0.43168111913872687 0.03277440852700377 -0.9257730447883243 0.1277648209667876; 1.0153161801798791 -0.3479645917015216 0.02780390869850365 -0.8035124553248412 0.10835695814798015]',
      '[-0.5767635099832011 0.16409112495001651 0.31884196813703536 0.5701877733300129]',
      '[0.5785120187360111 -0.20248891413334258 0.01584176327066983 -0.453610397799674 0.06174552992633567]',
    ])

export const usage: ExampleNotebook = {
  id: 'usage',
  title: 'SimpleGrad: Usage',
  description: "SimpleGrad's Usage chapter: Values and Tensors, their operations and their gradients, every example runnable.",
  cells: [
    md(
      '# Quick intro',
      '',
      'SimpleGrad includes two main composite types (Julia\'s version of objects and classes): **Values** and **Tensors**. Values store single numbers and Tensors store arrays of numbers. Both support a variety of operations, which are automatically tracked so that the gradients can be calculated with a backward pass.',
      '',
      'In this notebook we\'ll cover how to actually use Values and Tensors to do calculations and compute gradients. The examples are SimpleGrad\'s own, typed as TypeScript: everything SimpleGrad exports is already in scope (there is no `using SimpleGrad`), and the operators `+ - * /` work on Values and Tensors, and `^` on Values, as they do in Julia. For extra practice there are two tutorials: [linear regression](#example/linear-regression) and [MNIST](#example/mnist).',
    ),

    md(
      '## Values',
      '',
      'Let\'s start with the `Value` type. Here\'s how you define a Value:',
    ),
    code(`const x = Value(4.0)

println(x)`, ['Value(4.0)']),

    md(
      'Values can store numbers, perform operations, and automatically track the gradients of the variables involved.',
      '',
      'Here\'s how you take a look at the number a Value is storing (called `data`), and its gradient (called `grad`):',
    ),
    code(`println(x.data) // the number
println(x.grad) // the gradient`, ['4.0', '0.0']),

    md(
      'Here `x.data` is 4.0 because the Value `x` is storing the number 4.0, and `x.grad` is 0.0: a placeholder for the gradient, which could change once we do some operations and back-calculate the gradient.',
      '',
      'Next let\'s try an operation. We\'ll define another Value called `y`, add it to `x`, and save the result as `z`.',
    ),
    code(`const y = Value(3.0)
const z = x + y

println(z)`, ['Value(7.0)']),

    md('Pretty simple so far, right? But here\'s the cool part: we can now do a backward pass to calculate the derivative of `z` with respect to `x` and `y`. Here\'s how we do that:'),
    code('backward(z)', []),

    md('Now the `grad` fields of `x` and `y` are populated, and tell us the derivative of `z` with respect to each of the inputs `x` and `y`.'),
    code(`println(x.grad) // dz/dx = 1, meaning an increase of 1 in x will lead to an increase of 1 in z
println(y.grad) // dz/dy = 1, meaning an increase of 1 in y will lead to an increase of 1 in z`, ['1.0', '1.0']),

    md(
      'In mathematical terms, we\'re considering the equation $z = x + y$ and are interested in the derivatives $\\frac{dz}{dx}$ and $\\frac{dz}{dy}$. `x.grad` being 1 tells us that $\\frac{dz}{dx} = 1$, and `y.grad` being 1 tells us that $\\frac{dz}{dy} = 1$, for the values of `x` and `y` that we\'ve defined in our code (and in this specific example, for all values of `x` and `y`). If you\'re rusty on the calculus, you can also think of it this way: increasing `x` by 1 will cause `z` to increase by 1, and increasing `y` by 1 will also cause `z` to increase by 1.',
      '',
      'So that\'s the basic functionality of the Value type. We can store numbers, do operations, and track the derivative of the output with respect to all of the inputs. This allows us to, for example, minimize a loss function through gradient descent, by tracking the derivative of the loss with respect to the model parameters, and then updating those parameters so that the loss decreases.',
      '',
      'Here\'s a list of the operations currently supported:',
      '',
      '- Addition',
      '- Subtraction',
      '- Multiplication',
      '- Division',
      '- Exponents',
      '- $e^x$, as `exp()`',
      '- `log()`',
      '- `tanh()`',
      '',
      'Let\'s test a couple of them out. We\'ve already done addition, so let\'s try subtraction. (Each example declares its `x`, `y` and `z` afresh: as in Julia\'s REPL, a later cell may define a name again.)',
    ),
    code(`const x = Value(10.0)
const y = Value(3.0)
const z = x - y

println(z)`, ['Value(7.0)']),

    md(
      'If you want, you can try `backward(z)`, and you should find `x.grad` is 1, meaning that $\\frac{dz}{dx} = 1$, and `y.grad` is -1, meaning that $\\frac{dz}{dy} = -1$. But I\'ll skip over that for now.',
      '',
      'Next let\'s try multiplication.',
    ),
    code(`const x = Value(6.0)
const y = Value(2.0)
const z = x * y

println(z)`, ['Value(12.0)']),

    md('And again, we can get the derivative of `z` with respect to `x` and `y`.'),
    code(`backward(z)

println(x.grad) // dz/dx = y = 2
println(y.grad) // dz/dy = x = 6`, ['2.0', '6.0']),

    md('Alright, so far so good! Let\'s try division now:'),
    code(`const x = Value(15.0)
const y = Value(5.0)
const z = x / y

println(z)`, ['Value(3.0)']),

    md('And the backward pass:'),
    code(`backward(z)

println(x.grad) // dz/dx = 1/y = 1/5 = 0.2
println(y.grad) // dz/dy = -x/y^2 = -15/25 = -0.6`, ['0.2', '-0.6']),

    md(
      'Ok, now let\'s try exponents: `x ^ y`, as in Julia (TypeScript\'s `x ** y` means the same). In SimpleGrad the exponent must be an integer, not a Value or a float; this playground also takes any number or a Value as the exponent, with the right gradients.',
      '',
      'One difference from Julia: in TypeScript `^` binds more loosely than `+ - * /`, so `a * b ^ 2` means $(ab)^2$. Inside a larger expression, write `b ** 2` or `(b ^ 2)`.',
    ),
    code(`const x = Value(5.0)
const y = 2 // in SimpleGrad the exponent must be an integer, not a Value or a float
const z = x ^ y

println(z)`, ['Value(25.0)']),

    md('And here\'s the backward pass:'),
    code(`backward(z)

println(x.grad) // dz/dx = 2x = 10`, ['10.0']),

    md('Ok, now for the exponential function $e^x$, which we call `exp()`.'),
    code(`const x = Value(2.0)
const z = exp(x)

println(z)`, ['Value(7.38905609893065)']),

    md('And here\'s the backward pass:'),
    code(`backward(z)

println(x.grad) // dz/dx = e^x (the same thing we got above)`, ['7.38905609893065']),

    md('Ok, now for the natural logarithm, which we call `log()`.'),
    code(`const x = Value(10.0)
const z = log(x)

println(z)`, ['Value(2.302585092994046)']),

    md('And here\'s the backward pass:'),
    code(`backward(z)

println(x.grad) // dz/dx = 1/x = 0.1`, ['0.1']),

    md('Lastly, the `tanh()` function. Personally my trig is pretty rusty and I don\'t use this function very often, but I\'m including it because it was in Andrej Karpathy\'s micrograd, which the SimpleGrad Value is based on. `tanh()` is useful as a possible activation function for a linear layer of neurons, to add nonlinearity and bound the layer outputs on $[-1, 1]$.'),
    code(`const x = Value(3.0)
const z = tanh(x)

println(z)`, ['Value(0.9950547536867305)']),

    md('And here\'s the backward pass, where $\\frac{dz}{dx} = 1 - \\tanh^2(x)$:'),
    code(`backward(z)
println(x.grad) // dz/dx = 1 - tanh(x)^2`, ['0.009866037165440211']),

    md(
      'So far these examples have been pretty simple. But as long as we\'re using these simple functions, we can combine them in pretty complicated ways. The gradients can still be calculated for all the inputs, using backpropagation and the chain rule of derivatives.',
      '',
      'Let\'s try out a complicated example to see this...',
    ),
    NEURON,

    md(
      'Here we\'re using 3 inputs, 3 weights, a bias, and a `tanh()` activation function to come up with some prediction in a regression problem, and calculating a loss by comparing it to the target value:',
      '',
      '$$',
      '\\hat y = \\tanh(x_1 w_1 + x_2 w_2 + x_3 w_3 + b), \\qquad \\text{loss} = (\\hat y - y)^2',
      '$$',
      '',
      'Even though this looks pretty complicated, we can still use `backward(loss)` to calculate the derivative of the loss with respect to everything.',
    ),
    NEURON_BACKWARD,

    md(
      '## Tensors',
      '',
      'Values are pretty useful for some specific cases, but unfortunately their scalar-valued calculations will be too slow when it comes to implementing even a pretty basic neural network. So in addition to Values, we also have the **Tensor** type, which stores data in array format (one-dimensional or two-dimensional; a one-dimensional array becomes a row, of shape $(1, n)$).',
      '',
      'We can define a Tensor like this:',
    ),
    TENSOR,

    md('Similarly to Values, Tensors also have fields called `data` and `grad` that store their arrays of numbers and gradients.'),
    code(`println(x.data)
println(x.grad)`, ['[2.0, 3.0, 4.0]', '[0.0, 0.0, 0.0]']),

    md(
      'Right now the Tensor type pretty much has the bare minimum needed to implement a simple neural network, although more may be added in the future. Here\'s a list of the operations currently supported:',
      '',
      '- Addition',
      '- Matrix multiplication',
      '- ReLU',
      '- Softmax activation / cross-entropy loss combination',
      '',
      'Rather than testing out all of these individually, let\'s see if we can save some time by testing them all out at once. `seed(1234)` is the playground\'s `Random.seed!(1234)`: `rand` then gives the same numbers as in Julia, so the results match SimpleGrad\'s digit for digit.',
      '',
      'In math, with the inputs $X$: $H = \\operatorname{relu}(X W_1 + b_1)$, the logits are $H W_2 + b_2$, and the loss is the mean cross-entropy between their softmax and the one-hot classes.',
    ),
    TENSOR_NETWORK,

    md('Now we can find the derivative of the loss with respect to the weights and biases (and the inputs if we want, although that isn\'t as relevant).'),
    TENSOR_NETWORK_BACKWARD,

    md('Pretty cool! To see how all of this actually works, read the Under the Hood section of SimpleGrad\'s documentation. For more extensive tutorials, open [linear regression](#example/linear-regression) and [MNIST](#example/mnist).'),
  ],
}
