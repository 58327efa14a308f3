// A vertical handle between the notebook and the graph panel: drag it or use the arrow keys.
import { useCallback, useState } from 'react'
import { readPref, writePref } from './prefs.ts'

const KEY = 'simplegrad-playground:graph-width'

export function useGraphWidth(): [number, (w: number) => void] {
  const [width, setWidth] = useState(() => Number(readPref(KEY)) || Math.round(Math.min(720, window.innerWidth * 0.45)))
  const set = useCallback((w: number) => {
    const clamped = Math.max(260, Math.min(w, window.innerWidth - 360))
    setWidth(clamped)
    writePref(KEY, String(clamped))
  }, [])
  return [width, set]
}

export function Splitter({ width, setWidth }: { width: number; setWidth: (w: number) => void }) {
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the graph panel"
      aria-valuenow={width}
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') setWidth(width + 40)
        else if (e.key === 'ArrowRight') setWidth(width - 40)
      }}
      onPointerDown={(e) => {
        const startX = e.clientX, start = width
        const el = e.currentTarget
        el.setPointerCapture(e.pointerId)
        const move = (ev: PointerEvent) => setWidth(start - (ev.clientX - startX))
        const up = () => {
          el.removeEventListener('pointermove', move)
          el.removeEventListener('pointerup', up)
        }
        el.addEventListener('pointermove', move)
        el.addEventListener('pointerup', up)
      }}
    />
  )
}
