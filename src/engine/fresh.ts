// New arrays for Matrices, and what Chromium needs to give them memory cheaply. Its allocator
// (PartitionAlloc) gives the memory of an ArrayBuffer back to the system when V8 frees many at
// once, which V8 does at its rare full collections, so a new large Matrix is fresh memory whose
// first touch of each 4 KB page costs a fault (2.4 µs here: 0.5 ms for MNIST's 784 KB weights1
// at every SGD step, a fifth of the tutorial). V8 also frees a dead young ArrayBuffer at a minor
// collection, which comes once the young generation fills: short-lived small objects, made beside
// each large array, bring it forward, and the allocator hands the freed memory out again while it
// is still mapped. Off unless asked for (Node's allocator reuses freed memory anyway): the
// sandbox's worker turns it on.

/** Arrays of at least this many elements (64 KiB) bring a minor collection forward. */
const LARGE = 8192
// Bytes of short-lived objects made per byte of a large array (0: none).
let churnPerByte = 0
// Where the short-lived objects go, so that making them is not optimised away (escape analysis
// removes an allocation nobody keeps): each stays until 16 more are made.
const ring: unknown[] = new Array(16).fill(null)
let made = 0

/**
 * Makes `ratio` bytes of short-lived objects per byte of each new large Matrix array (0 turns it
 * off). MNIST's 3 epochs in Chromium with 1: 143,000 page faults in the sandbox's process against
 * 320,000, and no fewer with 2 or 4; with 0.5, 205,000.
 */
export function setFreshMemoryChurn(ratio: number): void {
  if (!(ratio >= 0 && ratio <= 8)) throw new Error(`setFreshMemoryChurn: a ratio from 0 to 8, got ${ratio}`)
  churnPerByte = ratio
}

/** A new array of `length` zeros for a Matrix. */
export function freshValues(length: number): Float64Array {
  return withChurn(new Float64Array(length))
}

/** A copy of `v` for a Matrix, as freshValues makes them. */
export function freshCopy(v: Float64Array): Float64Array {
  return withChurn(v.slice())
}

/** A new array, and the short-lived objects that go with it when it is large. */
function withChurn(v: Float64Array): Float64Array {
  if (churnPerByte > 0 && v.length >= LARGE) churn(v.length * 8 * churnPerByte)
  return v
}

/** At most this much per array (4 MiB): a minor collection needs no more than the young
 *  generation holds, and a huge Matrix (zeros(10000, 10000)) must not take seconds longer. */
const MAX_CHURN = 4 << 20

function churn(bytes: number): void {
  // arrays of 126 slots: about 512 bytes each with V8's compressed pointers
  const upTo = Math.min(bytes, MAX_CHURN)
  for (let b = 0; b < upTo; b += 512) ring[made++ & 15] = new Array(126)
}

/** @internal For tests: how many short-lived objects have been made. */
export const churnCount = (): number => made
