// The rooms of ../shared/ARCHITECTURE.md as one allow-list, and an ESLint rule that enforces it.
// A file's room is its first folder under src/ (or e2e/, bench/, scripts/). An import from another
// room is allowed only where the table says so; `value` lists what may be imported for its
// values, `types` what may be imported with `import type` only. An entry is a room ('engine') or
// one file of a room ('runtime/globals.ts').
import path from 'node:path'

/** @type {Record<string, { value: string[], types?: string[] }>} */
export const ROOMS = {
  engine: { value: [] },
  compiler: { value: [] },
  protocol: { value: [] },
  examples: { value: [] },
  runtime: { value: ['engine', 'protocol', 'compiler/line-map.ts'] },
  sandbox: { value: ['protocol'] },
  'sandbox/worker.ts': { value: ['protocol', 'runtime'] },
  notebook: { value: ['sandbox/host.ts', 'sandbox/frame.ts', 'compiler', 'protocol', 'examples'], types: ['engine'] },
  graph: { value: [], types: ['protocol'] },
  editor: { value: ['runtime/globals.ts'], types: ['engine'] },
  ui: { value: ['notebook', 'graph', 'editor'], types: ['protocol'] },
  // Tests that cross rooms on purpose; nothing imports them.
  integration: { value: ['engine', 'compiler', 'protocol', 'runtime', 'sandbox', 'notebook', 'graph', 'editor', 'ui', 'examples'] },
  // Top-level files of src/ (main.tsx): the app's entry.
  '.': { value: ['ui', 'notebook', 'editor'] },
  // Outside src/: browser tests act as a person does, through links and the examples' text (and
  // the hostile link payload of lz-attack.ts, written once).
  e2e: { value: ['src/examples', 'src/notebook/links.ts', 'src/notebook/notebook-doc.ts', 'src/notebook/lz-attack.ts'], types: ['src/protocol'] },
  // The input bench times the pure link codec and the markdown math rule.
  bench: { value: ['src/engine', 'src/compiler', 'src/protocol', 'src/runtime', 'src/graph', 'src/examples',
    'src/notebook/links.ts', 'src/notebook/lz-attack.ts', 'src/notebook/markdown-math.ts'] },
  // (the CSP plugin hashes the sandbox frame's script, exactly as the frame holds it)
  scripts: { value: ['src/protocol', 'src/protocol/mnist-gunzip.ts', 'src/editor/dts-gen.ts', 'src/runtime/globals.ts', 'src/sandbox/csp.ts', 'src/sandbox/frame.ts'] },
}

const TOP = ['e2e', 'bench', 'scripts']

/** The room of a file relative to the repository root, or null where no rule applies. */
export function roomOf(rel) {
  const parts = rel.split('/')
  if (parts[0] === 'src') {
    if (parts.length === 2) return '.'
    const file = `${parts[1]}/${parts.slice(2).join('/')}`
    return ROOMS[file] ? file : parts[1]
  }
  return TOP.includes(parts[0]) ? parts[0] : null
}

/** The name an import target goes by in the table: 'engine', 'runtime/globals.ts' or 'src/engine'. */
function targetMatches(targetRel, entry, fromTop) {
  const t = fromTop ? targetRel : targetRel.replace(/^src\//, '')
  return t === entry || t.startsWith(`${entry}/`)
}

export function allowed(fromRel, targetRel, typeOnly) {
  const room = roomOf(fromRel)
  if (room === null) return true
  const fromTop = TOP.includes(room)
  if (!fromTop) {
    if (!targetRel.startsWith('src/')) return false // src/ reaches nothing outside itself
    const targetRoom = roomOf(targetRel)
    const own = room.includes('/') ? room.split('/')[0] : room
    if (targetRoom === own || targetRoom?.split('/')[0] === own) return true
  } else if (targetRel.startsWith(`${room}/`) || !targetRel.startsWith('src/')) {
    return true
  }
  const rule = ROOMS[room]
  const list = typeOnly ? [...rule.value, ...(rule.types ?? [])] : rule.value
  return list.some((entry) => targetMatches(targetRel, entry, fromTop))
}

const isTypeOnly = (node) =>
  node.importKind === 'type' || node.exportKind === 'type' ||
  (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'))

/** The ESLint rule: every relative import is checked against ROOMS. */
export const roomsRule = {
  meta: { type: 'problem', schema: [], messages: { room: "{{from}} may not import {{target}}{{kind}}: see ROOMS in scripts/lint/rooms.js (it mirrors ARCHITECTURE.md's table)." } },
  create(context) {
    const root = context.cwd
    const fromRel = path.relative(root, context.filename).split(path.sep).join('/')
    const check = (node, spec, typeOnly) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return
      const targetRel = path.relative(root, path.resolve(path.dirname(context.filename), spec)).split(path.sep).join('/')
      if (!allowed(fromRel, targetRel, typeOnly)) {
        context.report({ node, messageId: 'room', data: { from: roomOf(fromRel), target: targetRel, kind: typeOnly ? ' (even as types)' : '' } })
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value, isTypeOnly(node)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, isTypeOnly(node)),
      ExportAllDeclaration: (node) => check(node, node.source.value, node.exportKind === 'type'),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value, false),
      TSImportType: (node) => {
        const lit = node.argument?.literal ?? node.argument
        if (lit?.type === 'Literal') check(node, lit.value, true)
      },
    }
  },
}
