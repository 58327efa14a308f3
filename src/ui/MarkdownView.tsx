// A markdown cell shown rendered: CommonMark with KaTeX math, sanitised by renderMarkdown (so the
// HTML set here can never run script). Switching to editing belongs to the cell around it, which
// may pass its handlers (onDoubleClick, onKeyDown, tabIndex, ...) straight through.
import 'katex/dist/katex.min.css'
import { useMemo, type HTMLAttributes } from 'react'
import { renderMarkdown } from '../notebook/markdown.ts'

export interface MarkdownViewProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'dangerouslySetInnerHTML'> {
  source: string
}

export function MarkdownView({ source, className, ...rest }: MarkdownViewProps) {
  const html = useMemo(() => renderMarkdown(source), [source])
  const classes = className ? `markdown ${className}` : 'markdown'
  if (source.trim() === '') {
    return <div {...rest} className={`${classes} markdown-empty`} data-testid="markdown">Empty markdown cell</div>
  }
  return <div {...rest} className={classes} data-testid="markdown" dangerouslySetInnerHTML={{ __html: html }} />
}
