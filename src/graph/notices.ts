// The accumulation notice speaks only of grads that matter to the user: a Value whose grad was
// not zero when backward started (left by an earlier call) and that the notebook reads or updates
// (`w.grad` in the graph's cell or a later one), such as a parameter they forgot to zero. Data
// points whose grads nobody reads stay quiet. Static: it reads the cells' text.
import type { GraphSnapshot } from '../protocol/messages.ts'
import { isZero } from './format.ts'

/** The labels of the nodes that carried grads into backward and are read as `name.grad`. */
export function staleGrads(s: GraphSnapshot, sources: string[]): string[] {
  if (s.kind !== 'backward' || s.initial.length !== s.nodes.length) return []
  const text = sources.map((src) => src.replace(/\/\/.*$/gm, '')).join('\n')
  const names = new Set<string>()
  for (const n of s.nodes) {
    if (!n.label || names.has(n.label) || isZero(s.initial[n.id])) continue
    const re = new RegExp(`(^|[^\\w$])${n.label.replace(/\$/g, '\\$')}\\.grad\\b`)
    if (re.test(text)) names.add(n.label)
  }
  return [...names]
}
