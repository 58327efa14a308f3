// The records the scope analysis (compile-scope.ts) makes and the type solver (compile-types.ts)
// reads: here so that neither file imports the other.
import type * as acorn from 'acorn'

export type N = acorn.AnyNode

export type BindingKind = 'var' | 'let' | 'const' | 'class' | 'function' | 'param' | 'catch'

export interface FnScope {
  node: N
  parent: FnScope | null
  /** False for class field initialisers: they run as methods but have no body for temporaries. */
  canDeclare: boolean
  temps: string[]
}

export interface Binding {
  name: string
  kind: BindingKind
  fn: FnScope
  topLevel: boolean
  /** Read or written by a function nested inside the one that declares it. */
  captured: boolean
  /** The top-level statement that declares it (top-level bindings only). */
  statement: number
  /** The type a TypeScript annotation gives it, trusted as the checker would. */
  annotated: number | null
  sources: Array<() => number>
  type: number
}

export interface Ref {
  binding: Binding | null
  /** The reference sits in a function nested inside the binding's own. */
  crossFn: boolean
}
