// The File menu: download the notebook as .ipynb or Markdown, open one back (also by dropping a
// file on the page), clear all outputs. Opening goes through the session's document switch, the
// same as opening a link; a file that is not a notebook is refused and nothing changes.
import { useEffect, useRef, useState } from 'react'
import type { Session } from '../notebook/app-session.ts'
import { commands } from '../notebook/commands.ts'
import { exportNotebook, IMPORT_ACCEPT, readNotebookFile, type ExportFormat } from '../notebook/file-io.ts'
import type { NotebookState } from '../notebook/store.ts'
import { useServices, type AppServices } from './context.ts'

export function FileMenu({ session }: { session: Session }) {
  const services = useServices()
  const [open, setOpen] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!open) return
    const away = (e: PointerEvent) => { if (!box.current?.contains(e.target as Node)) setOpen(false) }
    addEventListener('pointerdown', away)
    return () => removeEventListener('pointerdown', away)
  }, [open])
  const item = (label: string, run: () => void, title?: string) => (
    <button type="button" className="menu-item" title={title} onClick={() => { setOpen(false); run() }}>{label}</button>
  )
  return (
    <div className="file-menu" ref={box} onKeyDown={(e) => { if (e.key === 'Escape') setOpen(false) }}>
      <button type="button" className="btn" aria-expanded={open} aria-haspopup="true" onClick={() => setOpen(!open)} title="Download or open a notebook file">File ▾</button>
      {open && (
        <div className="menu" role="group" aria-label="File">
          {item('Download .ipynb', () => download(services, 'ipynb'), 'A Jupyter notebook (nbformat 4) with TypeScript cells')}
          {item('Download Markdown (.md)', () => download(services, 'markdown'), 'Text with the code in ```ts blocks')}
          {item('Open a file…', () => input.current?.click(), 'Open a .ipynb or .md file (or drop one on the page)')}
          <hr />
          {item('Clear all outputs', () => commands.clearOutputs.run(services.ctx()))}
        </div>
      )}
      <input ref={input} type="file" hidden accept={IMPORT_ACCEPT} aria-label="Open a notebook file" data-testid="open-file"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0]
          e.currentTarget.value = ''
          if (file) void openNotebookFile(file, session, services)
        }} />
    </div>
  )
}

/** The file's name: the example's id, the opened file's name, or a plain default. */
function baseName(s: NotebookState): string {
  if (s.origin.kind === 'example') return s.origin.id
  if (s.origin.kind === 'file') return s.origin.name.replace(/\.[^.]+$/, '')
  return 'simplegrad-notebook'
}

export function download(services: AppServices, format: ExportFormat): void {
  const s = services.store.getState()
  const cells = s.cells.map((c) => ({ id: c.id, kind: c.kind, source: c.source, output: s.outputs[c.id], collapsed: s.collapsed[c.id] }))
  const file = exportNotebook(format, cells, baseName(s))
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mime }))
  const a = document.createElement('a')
  a.href = url
  a.download = file.name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export async function openNotebookFile(file: File, session: Session, services: AppServices): Promise<void> {
  const r = readNotebookFile(file.name, new Uint8Array(await file.arrayBuffer()))
  if (r.ok) session.openFile(r.doc, file.name)
  else services.store.getState().setSession({ problem: r.message })
}

/** Dropping a file anywhere on the page opens it; `dragging` shows the drop hint meanwhile. */
export function useFileDrop(session: Session, services: AppServices, enabled = true): boolean {
  const [dragging, setDragging] = useState(false)
  useEffect(() => {
    if (!enabled) return
    let depth = 0
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false
    const enter = (e: DragEvent) => { if (hasFiles(e)) { depth++; setDragging(true) } }
    const leave = (e: DragEvent) => { if (hasFiles(e) && --depth <= 0) { depth = 0; setDragging(false) } }
    const over = (e: DragEvent) => { if (hasFiles(e)) e.preventDefault() }
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return
      e.preventDefault()
      depth = 0
      setDragging(false)
      const file = e.dataTransfer?.files[0]
      if (file) void openNotebookFile(file, session, services)
    }
    addEventListener('dragenter', enter)
    addEventListener('dragleave', leave)
    addEventListener('dragover', over)
    addEventListener('drop', drop)
    return () => {
      removeEventListener('dragenter', enter)
      removeEventListener('dragleave', leave)
      removeEventListener('dragover', over)
      removeEventListener('drop', drop)
    }
  }, [session, services, enabled])
  return dragging
}
