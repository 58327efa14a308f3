// The notebook scope: where a cell's top-level names go so that later cells see them. It is the
// global object that cells run against, so a later cell reads and assigns those names as globals,
// and a name that no cell declared (println, Value) still finds the runtime's own global.
// compile-rewrite.ts decides which of these three a top-level name gets.

export interface NotebookScope {
  /** A live binding: reading or assigning the global reads or assigns the cell's variable. Without `set`, read-only. */
  def(name: string, get: () => unknown, set?: (v: unknown) => void): void
  /** A copy of a variable's value; the cell copies again after each statement that assigns it. */
  put(name: string, value: unknown): void
  /** A const's value: a later cell can read it but not assign it (a read-only property). */
  constant(name: string, value: unknown): void
  /** The scope's current value of `name` (undefined if none): where a cell's `var` starts, as in JavaScript. */
  read(name: string): unknown
}

export function notebookScope(global: object): NotebookScope {
  const define = (name: string, d: PropertyDescriptor) => {
    try {
      Object.defineProperty(global, name, { ...d, configurable: true, enumerable: true })
    } catch {
      throw new Error(`cannot declare ${name} in the notebook: the global ${name} cannot be replaced`)
    }
  }
  const readOnly = (name: string) => () => {
    throw new TypeError(`Assignment to constant variable '${name}' (declared with const; declare it again to replace it)`)
  }
  return {
    def(name, get, set) {
      define(name, { get, set: set ?? readOnly(name) })
    },
    put(name, value) {
      define(name, { value, writable: true })
    },
    constant(name, value) {
      define(name, { value, writable: false })
    },
    read(name) {
      return (global as Record<string, unknown>)[name]
    },
  }
}
