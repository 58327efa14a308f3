// What the sandbox frame may relay from its worker, read off the one schema (schema.ts): for each
// message type, its declared fields and their sizes. The frame copies a worker message field by
// field along this shape and drops it whole at the first thing that does not fit, so an
// undeclared field (six 512 MB buffers under `label`) never reaches the page. The page still
// checks everything in full; the frame's job is to relay nothing it was not told about.
import type * as v from 'valibot'
import { WORKER_MESSAGES } from './schema.ts'
import type { RelayMeta } from './schema-parts.ts'

/** A value's shape: a primitive (strings up to a length), an object's fields, an array, one of. */
export type Shape =
  | ['p', number]
  | ['o', Record<string, Shape>]
  | ['a', number, Shape]
  | ['N', number]
  | ['S', number, number]
  | ['u', Shape[]]

/** Units (a number, or 8 characters of text) that one relayed message may hold. */
export const RELAY_BUDGET = 8_000_000
const NO_LIMIT = 2 ** 32

interface Node {
  type: string
  pipe?: Array<{ type: string; kind: string; requirement?: unknown; metadata?: Partial<RelayMeta> }>
  entries?: Record<string, Node>
  wrapped?: Node
  item?: Node
  options?: Node[]
}

const maxLength = (s: Node): number | undefined => s.pipe?.find((p) => p.type === 'max_length')?.requirement as number | undefined

function merge(a: Shape, b: Shape): Shape {
  if (JSON.stringify(a) === JSON.stringify(b)) return a
  if (a[0] === 'o' && b[0] === 'o') {
    const out: Record<string, Shape> = { ...a[1] }
    for (const [k, s] of Object.entries(b[1])) out[k] = out[k] ? merge(out[k], s) : s
    return ['o', out]
  }
  const alts = [...(a[0] === 'u' ? a[1] : [a]), ...(b[0] === 'u' ? b[1] : [b])]
  return ['u', alts]
}

/** The shape of a valibot schema (the kinds schema.ts uses). */
export function shapeOf(schema: v.GenericSchema): Shape {
  const s = schema as unknown as Node
  const relay = s.pipe?.find((p) => p.kind === 'metadata' && p.metadata?.relay)?.metadata?.relay
  if (relay) return 'numbers' in relay ? ['N', relay.numbers] : ['S', relay.strings, relay.length]
  const array = s.type === 'array' ? s : (s.pipe?.find((p) => p.type === 'array') as Node | undefined)
  if (array?.item) return ['a', maxLength(s) ?? maxLength(array) ?? NO_LIMIT, shapeOf(array.item as unknown as v.GenericSchema)]
  switch (s.type) {
    case 'object':
      return ['o', Object.fromEntries(Object.entries(s.entries ?? {}).map(([k, e]) => [k, shapeOf(e as unknown as v.GenericSchema)]))]
    case 'optional':
      return shapeOf(s.wrapped as unknown as v.GenericSchema)
    case 'union':
    case 'variant':
      return (s.options ?? []).map((o) => shapeOf(o as unknown as v.GenericSchema)).reduce(merge)
    case 'string':
      return ['p', maxLength(s) ?? NO_LIMIT]
    case 'number': case 'boolean': case 'literal': case 'picklist': case 'custom':
      return ['p', 64]
  }
  throw new Error(`relay: no shape for a ${s.type} schema`)
}

/** Each worker message type's shape. */
export const relayShapes = (): Record<string, Shape> =>
  Object.fromEntries(Object.entries(WORKER_MESSAGES).map(([type, schema]) => [type, shapeOf(schema)]))

/**
 * The frame's copier, as plain JavaScript (it runs in the frame, which loads nothing): defines
 * `relayCopy(shapes, m)`, which returns the copy of message `m` or null. Built from this
 * string in the frame and in the unit tests, so both run the same code.
 */
export const RELAY_JS = `
function relayCopy(shapes, m) {
  let units = 0
  const fail = {}
  const prim = (x, max) => {
    if (typeof x === 'number' || typeof x === 'boolean') { units++; return x }
    if (typeof x === 'string' && x.length <= max) { units += 1 + (x.length >> 3); return x }
    throw fail
  }
  const copy = (sh, x) => {
    if (units > ${RELAY_BUDGET}) throw fail
    switch (sh[0]) {
      case 'p': return prim(x, sh[1])
      case 'N': case 'S': {
        if (!Array.isArray(x) || x.length > sh[1]) throw fail
        const out = new Array(x.length)
        for (let i = 0; i < x.length; i++) out[i] = sh[0] === 'N' ? (typeof x[i] === 'number' ? x[i] : prim(undefined)) : prim(x[i], sh[2])
        units += x.length
        return out
      }
      case 'a': {
        if (!Array.isArray(x) || x.length > sh[1]) throw fail
        const out = new Array(x.length)
        for (let i = 0; i < x.length; i++) out[i] = copy(sh[2], x[i])
        return out
      }
      case 'o': {
        if (x === null || typeof x !== 'object' || Array.isArray(x)) throw fail
        const out = {}
        for (const k of Object.keys(sh[1])) {
          if (Object.prototype.hasOwnProperty.call(x, k) && x[k] !== undefined) out[k] = copy(sh[1][k], x[k])
        }
        return out
      }
      case 'u': {
        const isObj = x !== null && typeof x === 'object'
        for (const alt of sh[1]) if ((alt[0] === 'p') !== isObj) return copy(alt, x)
        throw fail
      }
    }
    throw fail
  }
  try {
    if (m === null || typeof m !== 'object' || typeof m.type !== 'string' || !Object.prototype.hasOwnProperty.call(shapes, m.type)) return null
    const out = copy(shapes[m.type], m)
    return units > ${RELAY_BUDGET} ? null : out
  } catch (e) {
    if (e === fail) return null
    throw e
  }
}
`
