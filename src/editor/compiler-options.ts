// The compiler options for snippets, shared by Monaco's TypeScript worker and the tests. Plain
// numbers for TypeScript's enums, so that this file needs neither Monaco nor TypeScript.
export const SNIPPET_COMPILER_OPTIONS = {
  target: 99, // ESNext (the library is ES2022's)
  module: 99, // ESNext: each cell is a module (top-level await)
  lib: ['es2022'],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  allowNonTsExtensions: true,
} as const

/** Where the declarations live in the language service's file system. */
export const ENGINE_LIB = 'file:///simplegrad/engine.d.ts'
export const SNIPPET_LIB = 'file:///simplegrad/snippets.d.ts'

/** The model URI of a cell: composites are keyed by it. */
export const cellUri = (cellId: string) => `file:///cells/${encodeURIComponent(cellId)}.ts`
