// The page: toolbar, notebook column and graph panel (filled in by the notebook and graph issues).
export function App() {
  return (
    <div className="app">
      <header className="toolbar">
        <h1 className="brand">
          <span className="logo" aria-hidden="true">∂</span> SimpleGrad Playground
        </h1>
      </header>
      <main className="workspace">
        <section className="notebook" aria-label="Notebook">
          <p className="intro">Type SimpleGrad's examples as TypeScript, run them, and step through backward.</p>
        </section>
      </main>
    </div>
  )
}
