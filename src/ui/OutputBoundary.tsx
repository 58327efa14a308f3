// An error boundary for one renderer (a cell's output, a panel): when what it draws throws, it
// shows a short line instead, and the rest of the app keeps working. New input (`resetKey`)
// tries again.
import { Component, type ReactNode } from 'react'

export const COULD_NOT_SHOW = 'This output could not be shown.'

interface Props {
  /** what the renderer draws from; when it changes, the boundary tries again */
  resetKey: unknown
  children: ReactNode
  label?: string
}

export class OutputBoundary extends Component<Props, { failed: unknown }> {
  override state = { failed: null as unknown }

  static getDerivedStateFromError(): { failed: unknown } {
    return { failed: true }
  }

  override componentDidUpdate(prev: Props): void {
    if (this.state.failed && prev.resetKey !== this.props.resetKey) this.setState({ failed: null })
  }

  override componentDidCatch(error: unknown): void {
    // Kept for whoever debugs it; the page itself stays up.
    console.warn(`${this.props.label ?? 'output'}: a renderer failed`, error)
  }

  override render(): ReactNode {
    if (this.state.failed) {
      return <div className="output-failed" role="status" data-testid="output-failed">{COULD_NOT_SHOW}</div>
    }
    return this.props.children
  }
}
