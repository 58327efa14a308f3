// For the property tests that throw mutated messages at the door, the relay and the renderers:
// every path into a message, and a copy of it with one value replaced. Used only by tests.

export type Path = Array<string | number>

/** Every path into `x` (the root included), looking at the first `items` elements of arrays. */
export function paths(x: unknown, items = 6, at: Path = [], out: Path[] = []): Path[] {
  out.push(at)
  if (Array.isArray(x)) x.slice(0, items).forEach((y, i) => paths(y, items, [...at, i], out))
  else if (x && typeof x === 'object') for (const [k, y] of Object.entries(x)) paths(y, items, [...at, k], out)
  return out
}

/** A copy of `x` with the value at `path` replaced (or removed, for `undefined`). */
export function setAt(x: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value
  const copy = (Array.isArray(x) ? [...x] : { ...(x as object) }) as Record<string | number, unknown>
  const [k, ...rest] = path
  if (rest.length === 0 && value === undefined) delete copy[k]
  else copy[k] = setAt(copy[k], rest, value)
  return copy
}
