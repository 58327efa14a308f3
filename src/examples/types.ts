// The bundled examples and tutorials: notebooks as data (`#example/<id>` opens one).

export interface ExampleCell {
  kind: 'code' | 'markdown'
  source: string
  /**
   * For code cells, the exact lines the cell prints, in order (`[]`: it prints nothing). Tests run
   * every cell of a notebook in one scope and compare; absent means the output is not checked.
   */
  expected?: string[]
}

export interface ExampleNotebook {
  /** the `<id>` of `#example/<id>`: lower case, words joined by `-` */
  id: string
  title: string
  /** one sentence, for lists of examples */
  description: string
  cells: ExampleCell[]
}
