// The page that the UI's jsdom tests render into: a new host element and React root for each test,
// unmounted and removed after it. Call at the top of a file or describe block.
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach } from 'vitest'

// React's act() warns unless the test environment says it uses it.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

export interface TestDom {
  readonly host: HTMLDivElement
  readonly root: Root
}

export function domPerTest(): TestDom {
  const dom = {} as { host: HTMLDivElement; root: Root }
  beforeEach(() => {
    dom.host = document.createElement('div')
    document.body.append(dom.host)
    dom.root = createRoot(dom.host)
  })
  afterEach(() => {
    act(() => dom.root.unmount())
    dom.host.remove()
  })
  return dom
}
