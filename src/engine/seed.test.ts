// Every `# output:` of SimpleGrad's Usage chapter (../shared/SEED-simplegrad-usage.txt), digit for
// digit, written as the snippets write them (method calls here; operators come with the sandbox).
import { describe, expect, it } from 'vitest'
import { backward, exp, log, relu, seed, show, softmax_crossentropy, tanh, Tensor, rand, Value } from './index.ts'

describe('the seed: Values', () => {
  it('stores a number and a zero gradient', () => {
    const x = Value(4.0)
    expect(show(x)).toBe('Value(4.0)')
    expect(show(x.data)).toBe('4.0')
    expect(show(x.grad)).toBe('0.0')
    const y = Value(3.0)
    const z = x.add(y)
    expect(show(z)).toBe('Value(7.0)')
    backward(z)
    expect(show(x.grad)).toBe('1.0')
    expect(show(y.grad)).toBe('1.0')
  })

  it('subtracts', () => {
    const x = Value(10.0), y = Value(3.0)
    const z = x.sub(y)
    expect(show(z)).toBe('Value(7.0)')
    backward(z)
    expect([x.grad, y.grad]).toEqual([1, -1])
  })

  it('multiplies', () => {
    const x = Value(6.0), y = Value(2.0)
    const z = x.mul(y)
    expect(show(z)).toBe('Value(12.0)')
    backward(z)
    expect(show(x.grad)).toBe('2.0')
    expect(show(y.grad)).toBe('6.0')
  })

  it('divides', () => {
    const x = Value(15.0), y = Value(5.0)
    const z = x.div(y)
    expect(show(z)).toBe('Value(3.0)')
    backward(z)
    expect(show(x.grad)).toBe('0.2')
    expect(show(y.grad)).toBe('-0.6')
  })

  it('raises to an integer power', () => {
    const x = Value(5.0)
    const z = x.pow(2)
    expect(show(z)).toBe('Value(25.0)')
    backward(z)
    expect(show(x.grad)).toBe('10.0')
  })

  it('exp, log and tanh', () => {
    let x = Value(2.0)
    let z = exp(x)
    expect(show(z)).toBe('Value(7.38905609893065)')
    backward(z)
    expect(show(x.grad)).toBe('7.38905609893065')

    x = Value(10.0)
    z = log(x)
    expect(show(z)).toBe('Value(2.302585092994046)')
    backward(z)
    expect(show(x.grad)).toBe('0.1')

    x = Value(3.0)
    z = tanh(x)
    expect(show(z)).toBe('Value(0.9950547536867305)')
    backward(z)
    expect(show(x.grad)).toBe('0.009866037165440211')
  })

  it('the neuron', () => {
    const input1 = Value(2.3), input2 = Value(-3.5), input3 = Value(3.9)
    const weight1 = Value(-0.8), weight2 = Value(1.8), weight3 = Value(3.0)
    const bias = Value(-3.2)
    const y_pred = tanh(input1.mul(weight1).add(input2.mul(weight2)).add(input3.mul(weight3)).add(bias))
    const y_true = Value(0.8)
    const loss = y_pred.sub(y_true).pow(2)
    expect(show(loss)).toBe('Value(0.20683027474728832)')
    backward(loss)
    expect(show(weight1.grad)).toBe('-1.8427042527651991')
    expect(show(weight2.grad)).toBe('2.80411516725139')
    expect(show(weight3.grad)).toBe('-3.12458547208012')
    expect(show(bias.grad)).toBe('-0.8011757620718257')
  })
})

describe('the seed: Tensors', () => {
  it('prints a row Tensor, its data and grad', () => {
    const x = Tensor([2.0, 3.0, 4.0])
    expect(show(x)).toBe('Tensor([2.0, 3.0, 4.0])')
    expect(String(x)).toBe('Tensor([2.0, 3.0, 4.0])')
    expect(show(x.data)).toBe('[2.0, 3.0, 4.0]')
    expect(show(x.grad)).toBe('[0.0, 0.0, 0.0]')
  })

  it('the two-layer network, digit for digit', () => {
    seed(1234)
    const inputs = Tensor(rand(2, 3))
    const weights1 = Tensor(rand(3, 4))
    const weights2 = Tensor(rand(4, 5))
    const biases1 = Tensor([1.0, 1.0, 1.0, 1.0])
    const biases2 = Tensor([1.0, 1.0, 1.0, 1.0, 1.0])
    const layer1_out = relu(inputs.matmul(weights1).add(biases1))
    const layer2_out = layer1_out.matmul(weights2).add(biases2)
    const y_true = [[0, 1, 0, 0, 0], [0, 0, 0, 1, 0]]
    const loss = softmax_crossentropy(layer2_out, y_true)
    expect(show(loss)).toBe('Tensor([2.137377648400186])')
    backward(loss)
    expect(show(weights1.grad)).toBe('[-0.3908952261176255 0.12683215951155127 0.2416920583878119 0.38808820865148697; -0.29634913482989794 0.07488805376600344 0.14838075027585607 0.29197521584353536; -0.4750896539667244 0.14050215019726503 0.27138275497284103 0.4702367656227933]')
    expect(show(weights2.grad)).toBe('[0.863617972699941 -0.2976748175494542 0.023649534838850777 -0.6817622076321975 0.09216951764285997; 1.0039983446760201 -0.3429788768507116 0.02749410384710956 -0.7956612611906658 0.10714768951824792; 1.19691493443326 -0.43168111913872687 0.03277440852700377 -0.9257730447883243 0.1277648209667876; 1.0153161801798791 -0.3479645917015216 0.02780390869850365 -0.8035124553248412 0.10835695814798015]')
    expect(show(biases1.grad)).toBe('[-0.5767635099832011 0.16409112495001651 0.31884196813703536 0.5701877733300129]')
    expect(show(biases2.grad)).toBe('[0.5785120187360111 -0.20248891413334258 0.01584176327066983 -0.453610397799674 0.06174552992633567]')
  })
})
