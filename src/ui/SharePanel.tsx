// After Share: the link (also on the clipboard), its length, and a warning when chat apps may cut it.
import { LINK_WARN_LENGTH } from '../notebook/links.ts'
import { useNotebook } from './context.ts'
import { EmbedBuilder } from './EmbedBuilder.tsx'
import type { Session } from '../notebook/app-session.ts'

export function SharePanel({ session, currentCell }: { session: Session; currentCell: () => string | undefined }) {
  const share = useNotebook((s) => s.share)
  const setSession = useNotebook((s) => s.setSession)
  if (!share) return null
  return (
    <div className="share-panel" role="dialog" aria-label="Share link">
      <label className="share-label">
        Link copied to the clipboard ({share.length.toLocaleString('en')} characters)
        <input data-testid="share-url" className="share-url" readOnly value={share.url} onFocus={(e) => e.currentTarget.select()} />
      </label>
      {share.tooLong && (
        <p className="share-warn">
          Longer than {LINK_WARN_LENGTH.toLocaleString('en')} characters: some chat apps cut such links.{' '}
          <button type="button" className="btn small" onClick={() => { const id = currentCell(); if (id) void session.share(id) }}>
            Share just the current cell
          </button>
        </p>
      )}
      <EmbedBuilder />
      <button type="button" className="btn small" onClick={() => setSession({ share: null })} aria-label="Close share panel">Close</button>
    </div>
  )
}
