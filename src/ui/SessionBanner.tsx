// Banners about the open document: a shared notebook (kept apart from the user's own, and whether
// it was changed), changes to shared notebooks kept aside, a link that could not be opened,
// another tab's changes, and saving that does not work (storage blocked or full), with the
// notebook offered as a file.
import { useNotebook, useServices } from './context.ts'
import { download as downloadAs } from './FileMenu.tsx'
import type { Session } from '../notebook/app-session.ts'
import { describeDraft } from '../notebook/drafts.ts'

export function SessionBanner({ session }: { session: Session }) {
  const origin = useNotebook((s) => s.origin)
  const problem = useNotebook((s) => s.problem)
  const conflict = useNotebook((s) => s.conflict)
  const edited = useNotebook((s) => s.edited)
  const aside = useNotebook((s) => s.aside)
  const services = useServices()
  // as File → Download .ipynb, so that File → Open a file brings it back
  const download = () => downloadAs(services, 'ipynb')
  return (
    <>
      {problem && (
        <div className="banner warn" role="alert">
          <span>{problem}</span>
          <span className="banner-note">Your own notebook is safe.</span>
        </div>
      )}
      <SavingBanner download={download} />
      {origin.kind !== 'mine' && (
        <div className="banner" role="region" aria-label="Shared notebook">
          <span>
            {origin.kind === 'example' ? <>You are looking at the example <b>{origin.title}</b>.</>
              : origin.kind === 'file' ? <>You are looking at the file <b>{origin.name}</b>.</> : <>You are looking at a shared notebook.</>}
            {' '}Your own notebook is saved and untouched.
            {edited && <> <b>You changed it:</b> your changes are kept aside until you keep it as your notebook.</>}
          </span>
          <span className="banner-actions">
            <button type="button" className="btn small" onClick={() => session.keepShared()}>Keep this as my notebook</button>
            <button type="button" className="btn small" onClick={() => session.backToMine()}>Back to my notebook</button>
          </span>
        </div>
      )}
      {aside.length > 0 && (
        <div className="banner" role="region" aria-label="Kept changes">
          {aside.map((d) => (
            <div key={d.id} className="banner-row">
              <span>{describeDraft(d)} are kept.</span>
              <span className="banner-actions">
                <button type="button" className="btn small" onClick={() => session.openDraft(d.id)}>Open my changes</button>
                <button type="button" className="btn small" onClick={() => session.dropDraft(d.id)}>Drop them</button>
              </span>
            </div>
          ))}
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

/** Says when nothing is being kept; in the embed view too (without the download there). */
export function SavingBanner({ download }: { download?: () => void }) {
  const saving = useNotebook((s) => s.saving)
  if (saving === 'kept') return null
  const text = saving === 'memory'
    ? 'This browser does not let the playground store anything here, so nothing you change will be kept after you leave the page.'
    : "Your notebook could not be saved: the browser's storage is full or refused it. Your changes are only on this page."
  return (
    <div className="banner warn" role="alert" aria-label="Saving">
      <span>{text}</span>
      {download && (
        <span className="banner-actions">
          <button type="button" className="btn small" onClick={download}>Download the notebook</button>
        </span>
      )}
    </div>
  )
}
