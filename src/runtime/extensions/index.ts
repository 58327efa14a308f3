// The worker's extra snippet globals, registered with the runtime on import:
//   scatter, plot, imshow   plots in the cell's output, live while a loop runs (plots.ts)
//   progress                progress(done, total) and progress.range(n), with the time left (progress.ts)
//   mnist                   await mnist.load(): the bundled MNIST digits (mnist.ts)
//   pad                     a drawing pad whose strokes call a snippet's function (pad.ts)
// The worker imports this module before it makes its runtime. Their declarations for the editor
// are EXTENSIONS_DTS (src/editor/extensions-dts.ts); their names are in ../globals.ts.
import './plots.ts'
import './progress.ts'
import './mnist.ts'
import './pad.ts'
