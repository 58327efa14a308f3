// The examples menu: each entry opens `#example/<id>`, which keeps the user's notebook.
import { examples } from '../notebook/catalog.ts'

export function ExamplesMenu() {
  return (
    <select
      className="btn examples"
      aria-label="Examples"
      // It always reads "Examples…": without a cap it is as wide as the longest title, which wraps the toolbar.
      style={{ maxWidth: '11em' }}
      value=""
      onChange={(e) => {
        if (e.target.value) location.hash = `#example/${e.target.value}`
      }}
    >
      <option value="">Examples…</option>
      {examples.map((e) => (
        <option key={e.id} value={e.id} title={e.description}>{e.title}</option>
      ))}
    </select>
  )
}
