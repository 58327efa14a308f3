// The embed view's own query parameters and the Share panel's <iframe> snippet. The link inside
// the snippet is an ordinary share link (links.ts) with `embed=1`; the view's options ride along
// as further query parameters, which the contract lets any build ignore.
//
//   ?theme=light | dark    the theme, for this page only (the user's own choice is not changed)
//   ?nograph=1             the embed shows cells and outputs only
import { makeShareLink } from './links.ts'
import type { DocCell } from './notebook-doc.ts'

export type ThemeParam = 'light' | 'dark'

export interface ViewParams {
  theme?: ThemeParam
  /** false when the link asks for no graph (`?nograph=1`) */
  graph: boolean
}

export function readViewParams(search: string, hash = ''): ViewParams {
  // parameters pasted after the hash count too, as links.ts reads them
  const after = hash.indexOf('?') >= 0 ? hash.slice(hash.indexOf('?') + 1) : ''
  const params = new URLSearchParams(`${after}&${search.replace(/^\?/, '')}`)
  const theme = params.get('theme')?.trim().toLowerCase()
  const nograph = params.get('nograph')?.trim().toLowerCase()
  return {
    ...(theme === 'light' || theme === 'dark' ? { theme } : {}),
    graph: !(nograph !== undefined && ['', '1', 'true', 'yes', 'on'].includes(nograph)),
  }
}

export interface EmbedOptions {
  origin: string
  pathname: string
  /** indices of the cells to include (all when omitted) */
  cells?: readonly number[]
  run: boolean
  graph: boolean
  height: number
  theme?: ThemeParam
  title?: string
}

export const EMBED_HEIGHT = { min: 240, max: 2000, default: 560 }

export function embedUrl(cells: readonly DocCell[], o: EmbedOptions): string {
  const chosen = o.cells ? cells.filter((_, i) => o.cells!.includes(i)) : cells
  const link = makeShareLink({ v: 1, cells: chosen.length ? [...chosen] : [...cells] }, { origin: o.origin, pathname: o.pathname, run: o.run, embed: true })
  const extra = [o.theme ? `theme=${o.theme}` : '', o.graph ? '' : 'nograph=1'].filter(Boolean).join('&')
  if (!extra) return link.url
  const hash = link.url.indexOf('#')
  const head = link.url.slice(0, hash)
  return `${head}${head.includes('?') ? '&' : '?'}${extra}${link.url.slice(hash)}`
}

export function embedSnippet(cells: readonly DocCell[], o: EmbedOptions): string {
  const height = Math.round(Math.max(EMBED_HEIGHT.min, Math.min(EMBED_HEIGHT.max, o.height || EMBED_HEIGHT.default)))
  const title = (o.title ?? 'SimpleGrad example').replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)
  const src = embedUrl(cells, o).replace(/&/g, '&amp;').replace(/"/g, '&quot;')
  return `<iframe src="${src}" width="100%" height="${height}" style="border: 1px solid #dfe3ec; border-radius: 8px" title="${title}" loading="lazy"></iframe>`
}
