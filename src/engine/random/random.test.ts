// The one seeded source of randomness: scalar rand() as Julia's Xoshiro, its SHA-256 seeding,
// randn, zeros and ones.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { Matrix, ones, rand, randn, seed, show, zeros } from '../index.ts'
import { sha256 } from './sha256.ts'

describe('rand(): Julia’s Xoshiro256++', () => {
  it('seed(1234) gives Julia’s stream', () => {
    seed(1234)
    expect(rand()).toBe(0.32597672886359486)
    expect(rand()).toBe(0.5490511363155669)
  })

  it('re-seeding repeats the stream; another seed gives another', () => {
    seed(1234)
    const first = Array.from({ length: 100 }, () => rand())
    seed(1234)
    expect(Array.from({ length: 100 }, () => rand())).toEqual(first)
    seed(1235)
    expect(rand()).not.toBe(first[0])
  })

  it('draws in [0, 1) with about the right mean', () => {
    seed(7)
    const xs = Array.from({ length: 20000 }, () => rand())
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5)).toBeLessThan(0.01)
  })

  it('scalar and array draws use separate streams, as the two Julias did', () => {
    seed(1234)
    rand(2, 3)
    expect(rand()).toBe(0.32597672886359486)
  })

  it('refuses seeds that are not whole numbers ≥ 0', () => {
    expect(() => seed(-1)).toThrow(/whole number/)
    expect(() => seed(1.5)).toThrow(/whole number/)
    expect(() => seed(Number.NaN)).toThrow(/whole number/)
  })
})

describe('sha256', () => {
  const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  // lengths around the padding boundaries (55, 56, 64 bytes) and several blocks
  it.each([0, 1, 3, 4, 8, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000])('matches node:crypto on %s bytes', (n) => {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 167 + 13) & 0xff)
    expect(hex(sha256(bytes))).toBe(createHash('sha256').update(bytes).digest('hex'))
  })

  it('gives the standard digest of "abc"', () => {
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})

describe('randn', () => {
  it('is deterministic after seed', () => {
    seed(3)
    const a = [randn(), randn(), ...randn(2, 3).data]
    seed(3)
    expect([randn(), randn(), ...randn(2, 3).data]).toEqual(a)
  })

  it('has mean about 0 and variance about 1 over 20,000 draws', () => {
    seed(11)
    const xs = Array.from(randn(100, 200).data)
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1)
    expect(Math.abs(mean)).toBeLessThan(0.03)
    expect(Math.abs(variance - 1)).toBeLessThan(0.05)
    expect(xs.every(Number.isFinite)).toBe(true)
  })

  it('shapes like rand', () => {
    expect(randn(4).shape).toEqual([1, 4])
    expect(randn(3, 2).shape).toEqual([3, 2])
    expect(typeof randn()).toBe('number')
  })
})

describe('zeros, ones and shapes', () => {
  it.each([
    ['zeros(2, 3)', () => zeros(2, 3), [2, 3], 0],
    ['zeros(4)', () => zeros(4), [1, 4], 0],
    ['ones(3, 1)', () => ones(3, 1), [3, 1], 1],
    ['ones(5)', () => ones(5), [1, 5], 1],
  ] as const)('%s', (_name, make, shape, value) => {
    const m = make()
    expect(m).toBeInstanceOf(Matrix)
    expect(m.shape).toEqual(shape)
    expect(Array.from(m.data).every((x) => x === value)).toBe(true)
  })

  it('rand(n) is a (1, n) row that prints as a Julia Vector', () => {
    seed(1234)
    const r = rand(3)
    expect(r.shape).toEqual([1, 3])
    expect(show(r)).toMatch(/^\[0\.5908446386657102, 0\.7667970365022592, [0-9.]+\]$/)
    expect(show(zeros(2))).toBe('[0.0, 0.0]')
    expect(show(ones(2, 2))).toBe('[1.0 1.0; 1.0 1.0]')
  })

  it('rand(r, c) is an r x c Matrix in [0, 1)', () => {
    seed(5)
    const m = rand(40, 30)
    expect(m.shape).toEqual([40, 30])
    expect(Array.from(m.data).every((x) => x >= 0 && x < 1)).toBe(true)
  })

  it('refuses bad sizes', () => {
    expect(() => rand(-1, 2)).toThrow(/whole numbers/)
    expect(() => zeros(1.5)).toThrow(/whole numbers/)
    expect(() => ones(1, 2, 3)).toThrow(/rows, cols/)
  })
})
