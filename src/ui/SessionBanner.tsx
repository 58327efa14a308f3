// Banners about the open document: a shared notebook (kept apart from the user's own), a link
// that could not be opened, and another tab's changes.
import { useNotebook } from './context.ts'
import type { Session } from '../notebook/app-session.ts'

export function SessionBanner({ session }: { session: Session }) {
  const origin = useNotebook((s) => s.origin)
  const problem = useNotebook((s) => s.problem)
  const conflict = useNotebook((s) => s.conflict)
  return (
    <>
      {problem && (
        <div className="banner warn" role="alert">
          <span>{problem}</span>
          <span className="banner-note">Your own notebook is safe.</span>
        </div>
      )}
      {origin.kind !== 'mine' && (
        <div className="banner" role="region" aria-label="Shared notebook">
          <span>
            {origin.kind === 'example' ? <>You are looking at the example <b>{origin.title}</b>.</>
              : origin.kind === 'file' ? <>You are looking at the file <b>{origin.name}</b>.</> : <>You are looking at a shared notebook.</>}
            {' '}Your own notebook is saved and untouched.
          </span>
          <span className="banner-actions">
            <button type="button" className="btn small" onClick={() => session.keepShared()}>Keep this as my notebook</button>
            <button type="button" className="btn small" onClick={() => session.backToMine()}>Back to my notebook</button>
          </span>
        </div>
      )}
      {conflict && (
        <div className="banner warn" role="alert">
          <span>Your notebook was changed in another tab. Saving here is paused so neither is lost.</span>
          <span className="banner-actions">
            <button type="button" className="btn small" onClick={() => session.resolveConflict('theirs')}>Load the other tab's</button>
            <button type="button" className="btn small" onClick={() => session.resolveConflict('mine')}>Keep this tab's</button>
          </span>
        </div>
      )}
    </>
  )
}
