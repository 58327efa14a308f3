// The Share panel's Embed section: choose the cells, run on open, the graph, the height and the
// theme, and get the <iframe> snippet to paste into a page (copied with one click).
import { useMemo, useState } from 'react'
import { EMBED_HEIGHT, embedSnippet, type ThemeParam } from '../notebook/embed.ts'
import { useNotebook } from './context.ts'

export function EmbedBuilder() {
  const cells = useNotebook((s) => s.cells)
  const origin = useNotebook((s) => s.origin)
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set())
  const [run, setRun] = useState(true)
  const [graph, setGraph] = useState(true)
  const [height, setHeight] = useState(EMBED_HEIGHT.default)
  const [theme, setTheme] = useState<ThemeParam | ''>('')
  const [copied, setCopied] = useState(false)
  const snippet = useMemo(() => embedSnippet(cells, {
    origin: location.origin, pathname: location.pathname, cells: cells.flatMap((c, i) => (excluded.has(c.id) ? [] : [i])),
    run, graph, height, theme: theme || undefined,
    title: origin.kind === 'example' ? `SimpleGrad: ${origin.title}` : 'SimpleGrad example',
  }), [cells, excluded, run, graph, height, theme, origin])
  const toggle = (id: string) => {
    const next = new Set(excluded)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    if (next.size < cells.length) setExcluded(next)
  }
  return (
    <details className="embed-builder">
      <summary>Embed</summary>
      <div className="embed-form">
        <fieldset className="embed-cells">
          <legend>Cells</legend>
          {cells.map((c, i) => (
            <label key={c.id} className="embed-cell">
              <input type="checkbox" checked={!excluded.has(c.id)} onChange={() => toggle(c.id)} />
              <span>Cell {i + 1}</span>
              <code>{preview(c.source, c.kind)}</code>
            </label>
          ))}
        </fieldset>
        <div className="embed-options">
          <label><input type="checkbox" checked={run} onChange={(e) => setRun(e.target.checked)} /> Run on open</label>
          <label><input type="checkbox" checked={graph} onChange={(e) => setGraph(e.target.checked)} /> Show the graph</label>
          <label>Height <input type="number" min={EMBED_HEIGHT.min} max={EMBED_HEIGHT.max} step={20} value={height} onChange={(e) => setHeight(Number(e.target.value))} /> px</label>
          <label>Theme{' '}
            <select value={theme} onChange={(e) => setTheme(e.target.value as ThemeParam | '')}>
              <option value="">Reader's</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
        </div>
        <label className="embed-snippet-label">
          HTML to paste into a page
          <textarea data-testid="embed-snippet" readOnly rows={3} value={snippet} onFocus={(e) => e.currentTarget.select()} />
        </label>
        <button type="button" className="btn small primary" onClick={() => {
          void navigator.clipboard?.writeText(snippet).then(() => setCopied(true), () => setCopied(false))
        }}>{copied ? 'Copied ✓' : 'Copy embed code'}</button>
      </div>
    </details>
  )
}

function preview(source: string, kind: string): string {
  const line = source.split('\n').find((l) => l.trim() !== '')?.trim() ?? (kind === 'code' ? '(empty)' : '')
  return line.length > 40 ? `${line.slice(0, 40)}…` : line
}
