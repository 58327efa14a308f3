// The graph marks the source line that made the node it speaks of (the stepper's node, or the one
// hovered): the graph panel sets the mark here, and each cell's editor shows it as a decoration.
// A small registry with no Monaco in it, so the panel does not load the editor to use it.

type Listener = (line: number | null) => void

const listeners = new Map<string, Set<Listener>>()
let current: { cellId: string; line: number } | null = null

/** Marks line `line` (1-based) of cell `cellId`, or nothing (null). */
export function markLine(mark: { cellId: string; line: number } | null): void {
  const before = current
  current = mark && mark.line > 0 ? mark : null
  if (before && (before.cellId !== current?.cellId)) listeners.get(before.cellId)?.forEach((f) => f(null))
  if (current && (before?.cellId !== current.cellId || before.line !== current.line)) listeners.get(current.cellId)?.forEach((f) => f(current!.line))
}

/** The marked line of a cell (for an editor made after the mark was set). */
export const markedLine = (cellId: string): number | null => (current?.cellId === cellId ? current.line : null)

/** Calls `f` whenever the mark in this cell changes; returns the unsubscribe. */
export function onLineMark(cellId: string, f: Listener): { dispose(): void } {
  let set = listeners.get(cellId)
  if (!set) listeners.set(cellId, (set = new Set()))
  set.add(f)
  return { dispose: () => { set.delete(f) } }
}
