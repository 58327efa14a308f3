// Xoshiro256++ as Julia (1.7 and later) runs it for scalar rand(): 64-bit words kept as pairs of
// 32-bit halves, since BigInt would be far too slow for a generator.
import { sha256 } from './sha256.ts'

export class Xoshiro {
  // s[2k] is the high half of word k, s[2k + 1] the low half.
  private readonly s = new Uint32Array(8)

  constructor(seedWords: Uint32Array) {
    this.reseed(seedWords)
  }

  /** Julia's `seed!(::Xoshiro, words)`: the state is the SHA-256 of the words, little-endian. */
  reseed(seedWords: Uint32Array): void {
    const bytes = new Uint8Array(seedWords.length * 4)
    const view = new DataView(bytes.buffer)
    seedWords.forEach((w, i) => view.setUint32(i * 4, w, true))
    const digest = new DataView(sha256(bytes).buffer)
    for (let k = 0; k < 4; k++) {
      this.s[2 * k + 1] = digest.getUint32(k * 8, true)
      this.s[2 * k] = digest.getUint32(k * 8 + 4, true)
    }
  }

  /** The next 64-bit output as [high, low] halves written into `out`. */
  nextInto(out: Uint32Array): void {
    const s = this.s
    // result = rotl(s0 + s3, 23) + s0
    let lo = (s[1] + s[7]) >>> 0
    let hi = (s[0] + s[6] + (lo < s[1] ? 1 : 0)) >>> 0
    const rhi = ((hi << 23) | (lo >>> 9)) >>> 0
    const rlo = ((lo << 23) | (hi >>> 9)) >>> 0
    lo = (rlo + s[1]) >>> 0
    hi = (rhi + s[0] + (lo < rlo ? 1 : 0)) >>> 0
    out[0] = hi
    out[1] = lo
    // t = s1 << 17
    const thi = ((s[2] << 17) | (s[3] >>> 15)) >>> 0
    const tlo = (s[3] << 17) >>> 0
    s[4] ^= s[0]; s[5] ^= s[1] // s2 ^= s0
    s[6] ^= s[2]; s[7] ^= s[3] // s3 ^= s1
    s[2] ^= s[4]; s[3] ^= s[5] // s1 ^= s2
    s[0] ^= s[6]; s[1] ^= s[7] // s0 ^= s3
    s[4] ^= thi; s[5] ^= tlo // s2 ^= t
    // s3 = rotl(s3, 45) = rotl(swap halves, 13)
    const h3 = s[6], l3 = s[7]
    s[6] = ((l3 << 13) | (h3 >>> 19)) >>> 0
    s[7] = ((h3 << 13) | (l3 >>> 19)) >>> 0
  }

  private readonly word = new Uint32Array(2)

  /** Julia's scalar `rand(::Xoshiro, Float64)`: the top 53 bits times 2^-53. */
  nextFloat(): number {
    this.nextInto(this.word)
    return (this.word[0] * 2097152 + (this.word[1] >>> 11)) * 1.1102230246251565e-16
  }
}
