// show(x): the text Julia's println(x) writes, for everything a snippet prints.
import { formatFloat } from './format.ts'
import { Matrix } from './matrix.ts'
import { TensorNode, ValueNode } from './node.ts'

/** The text `println(x)` writes for x: `Value(4.0)`, `Tensor([2.0, 3.0])`, `[1.0 2.0; 3.0 4.0]`, `1.0e-5`. */
export function show(x: unknown): string {
  if (typeof x === 'number') return formatFloat(x)
  if (typeof x === 'string') return x
  if (x instanceof ValueNode || x instanceof TensorNode || x instanceof Matrix) return String(x)
  if (Array.isArray(x) || ArrayBuffer.isView(x)) return showArray(x as ArrayLike<unknown>)
  if (x === undefined || x === null) return 'nothing'
  if (typeof x === 'bigint') return x.toString()
  if (typeof x === 'object' && x.toString !== Object.prototype.toString) return String(x)
  if (typeof x === 'object') {
    try {
      return JSON.stringify(x)
    } catch {
      return String(x)
    }
  }
  return String(x)
}

/** Inside an array, Julia quotes strings: ["a", 1.0]. */
function showArray(a: ArrayLike<unknown>): string {
  const parts: string[] = []
  for (let i = 0; i < a.length; i++) {
    const v = a[i]
    parts.push(typeof v === 'string' ? JSON.stringify(v) : show(v))
  }
  return `[${parts.join(', ')}]`
}
