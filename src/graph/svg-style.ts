// The graph's own stylesheet, placed inside the <svg> so that an exported SVG looks the same.
// Colours come from the app's theme variables (--fg, --panel, ...), with fallbacks for export.

/** The theme variables the stylesheet reads; export writes their current values into the file. */
export const THEME_VARS = ['--bg', '--fg', '--muted', '--accent', '--panel', '--border', '--mono', '--out-bg', '--error', '--ok'] as const

export const SVG_STYLE = `
.sg-root { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; --sg-flow: #e8910c; --sg-pos: #2b6cb0; --sg-neg: #c53030; }
.sg-edge { fill: none; stroke: var(--muted, #5d6477); stroke-opacity: 0.45; stroke-width: 1.3; }
.sg-edge.dashed { stroke-dasharray: 4 4; }
.sg-link { stroke: var(--muted, #5d6477); stroke-opacity: 0.45; stroke-width: 1.3; }
.sg-card-bg { fill: var(--panel, #fff); stroke: var(--border, #dfe3ec); stroke-width: 1.2; }
.sg-title { font-size: 13px; font-weight: 700; fill: var(--fg, #1b1f2c); }
.sg-title.muted { font-weight: 500; font-style: italic; fill: var(--muted, #5d6477); }
.sg-shape { font-size: 12px; font-weight: 400; fill: var(--muted, #5d6477); font-style: normal; }
.sg-key { font-size: 12px; fill: var(--muted, #5d6477); }
.sg-num { font: 12px var(--mono, ui-monospace, Menlo, Consolas, monospace); fill: var(--fg, #1b1f2c); }
.sg-grad.pos { fill: var(--sg-pos); }
.sg-grad.neg { fill: var(--sg-neg); }
.sg-grad.zero { fill: var(--muted, #5d6477); }
.sg-pill { fill: none; }
.sg-pill.pos { fill: var(--sg-pos); fill-opacity: 0.12; }
.sg-pill.neg { fill: var(--sg-neg); fill-opacity: 0.12; }
.sg-op-bg { fill: var(--out-bg, #f3f5fa); stroke: var(--muted, #5d6477); stroke-opacity: 0.6; stroke-width: 1.2; }
.sg-op text { font-size: 13px; font-weight: 600; fill: var(--fg, #1b1f2c); text-anchor: middle; dominant-baseline: central; }
.sg-group { cursor: pointer; }
.sg-group-bg { fill: var(--panel, #fff); stroke: var(--accent, #2f5fd0); stroke-width: 1.6; }
.sg-group-bg.sg-stack { stroke-opacity: 0.5; }
.sg-group:hover .sg-group-bg:not(.sg-stack), .sg-group:focus-visible .sg-group-bg:not(.sg-stack) { stroke-width: 2.6; }
.sg-group:focus { outline: none; }
.sg-group-text { font-size: 12px; fill: var(--muted, #5d6477); }
.sg-open { font-size: 12px; fill: var(--accent, #2f5fd0); font-weight: 600; }
.sg-group.current .sg-group-bg:not(.sg-stack) { stroke: var(--sg-flow); stroke-width: 3; }
.sg-grad.ask { fill: var(--sg-flow); font-weight: 700; }
.sg-cells { image-rendering: pixelated; }
.sg-heat-frame { fill: none; stroke: var(--border, #dfe3ec); }
.sg-legend-text { font: 11px var(--mono, ui-monospace, Menlo, monospace); fill: var(--muted, #5d6477); }
.sg-badge { font-size: 11px; font-weight: 700; }
.sg-badge.ok { fill: var(--ok, #2e7d32); }
.sg-badge.bad { fill: var(--error, #c62828); }
.sg-node.check-bad .sg-card-bg { stroke: var(--error, #c62828); stroke-width: 2.5; }
.sg-node.check-ok .sg-card-bg { stroke: var(--ok, #2e7d32); stroke-width: 1.8; }

/* the stepper: the node whose backward runs, the inputs receiving gradient, the edges carrying it */
.sg-node.current .sg-card-bg, .sg-op.current .sg-op-bg { stroke: var(--sg-flow); stroke-width: 3; stroke-opacity: 1; }
.sg-node.current .sg-card-bg { fill: color-mix(in srgb, var(--sg-flow) 10%, var(--panel, #fff)); }
.sg-node.receiving .sg-card-bg { stroke: var(--sg-flow); stroke-width: 2; stroke-dasharray: 5 3; }
.sg-edge.flow, .sg-link.flow { stroke: var(--sg-flow); stroke-opacity: 1; stroke-width: 2.6; stroke-dasharray: 7 5; animation: sg-flow 0.9s linear infinite; }
@keyframes sg-flow { to { stroke-dashoffset: 24; } }
@media (prefers-reduced-motion: reduce) { .sg-edge.flow, .sg-link.flow { animation: none; } }

/* hover: a node, its inputs and its users */
.sg-root.hovering .sg-node:not(.sg-rep), .sg-root.hovering .sg-group, .sg-root.hovering .sg-op, .sg-root.hovering .sg-edge, .sg-root.hovering .sg-link { opacity: 0.28; }
.sg-root.hovering .hl { opacity: 1; }
.sg-root.hovering .sg-edge.hl, .sg-root.hovering .sg-link.hl { stroke: var(--accent, #2f5fd0); stroke-opacity: 1; stroke-width: 2.2; }
.sg-root.hovering .sg-node.hl-self .sg-card-bg { stroke: var(--accent, #2f5fd0); stroke-width: 2.5; }

/* far away: cards without their text, so that big graphs pan and zoom smoothly */
.sg-root.far text, .sg-root.far .sg-heat, .sg-root.far .sg-legend, .sg-root.far .sg-pill { display: none; }
.sg-root.far .sg-edge { stroke-width: 2; marker-end: none; }
.sg-root.far .sg-card-bg, .sg-root.far .sg-op-bg { stroke-width: 2; }
`
