// The tooltip of a hovered node or heatmap cell.
import type { HoverInfo } from '../../graph/interact.ts'

export function Tooltip({ hover, box }: { hover: HoverInfo; box: HTMLDivElement | null }) {
  const r = box?.getBoundingClientRect()
  const x = hover.x - (r?.left ?? 0) + 14, y = hover.y - (r?.top ?? 0) + 14
  return (
    <div className="graph-tooltip" style={{ left: x, top: y }} role="tooltip">
      <b>{hover.title}</b>
      {hover.lines.map((l, i) => <div key={i}>{l}</div>)}
    </div>
  )
}
