// Which line of a cell made each node, found from the cell's text and the nodes' labels (the
// compiler names a node after the variable it is assigned to): a labelled node comes from the
// line that assigns its name; an unnamed one from the line of the first named node that uses it
// (the parts of `tanh(a * b + c)` come from the line of `y_pred = tanh(...)`). A static reading:
// names assigned in another cell have no line here.
import type { GraphSnapshot } from '../protocol/messages.ts'

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Line numbers (1-based) of each node in `source`, or 0 when it has none there. */
export function nodeLines(s: GraphSnapshot, source: string): Int32Array {
  const lines = source.split('\n')
  const byName = new Map<string, number>()
  const lineOf = (name: string): number => {
    const known = byName.get(name)
    if (known !== undefined) return known
    // `const name =`, `name =`, `name +=`, `this.name =`: the last such line (a loop's `loss +=`)
    const re = new RegExp(`(^|[^\\w$.])(?:const |let |var )?(?:this\\.)?${escape(name)}\\s*(?:[-+*/^]|\\*\\*)?=(?!=)`)
    let found = 0
    lines.forEach((l, i) => { if (re.test(l.replace(/\/\/.*$/, ''))) found = i + 1 })
    byName.set(name, found)
    return found
  }
  const out = new Int32Array(s.nodes.length)
  for (let id = s.nodes.length - 1; id >= 0; id--) {
    const n = s.nodes[id]
    if (n.label) out[id] = lineOf(n.label)
  }
  // unnamed nodes: the line of their first user that has one (users come later in creation order)
  const users: number[] = new Array(s.nodes.length).fill(-1)
  for (const n of s.nodes) for (const i of n.inputs) if (users[i] === -1) users[i] = n.id
  for (let id = s.nodes.length - 1; id >= 0; id--) {
    if (out[id] !== 0 || s.nodes[id].label) continue
    const u = users[id]
    if (u !== -1) out[id] = out[u]
  }
  return out
}
