// Flattens the engine's emitted declaration files (one module per source file) into one global
// script for the snippets' type checker: every export of the entry that it keeps is a global there, with the
// declarations it needs, and doc comments kept as written.
//
// - `export type Value = ValueNode` names the class: the class is declared as `Value`, so hovers
//   say `Value`; the other name (`ValueNode`) stays as an alias.
// - A class that shares its global name with a value (the class ValueNode and the callable
//   `const Value`) becomes an interface of its public instance members, which merges with it.
// - Module augmentations (`declare module './node.ts' { interface ValueNode {...} }`) merge into
//   the declaration they augment.
// - Declarations that the exports need but that are not exported keep their names when free.
import type * as TS from 'typescript'
import type { TsApi } from './op-rewrite.ts'

type Key = string // `${file}#${name}`

interface Chunk {
  stmt: TS.Statement
  /** the module whose names the statement's references resolve in */
  scope: string
}

interface Mod {
  sf: TS.SourceFile
  locals: Map<string, TS.Statement[]>
  imports: Map<string, { file: string; name: string }>
  /** an export name can carry a type and a value (`export type Value` beside `export { Value }`) */
  exports: Map<string, Array<{ file: string; name: string }>>
}

/** `keep` says which of the entry's exports to declare (all of them when absent). */
export function flattenDeclarations(ts: TsApi, files: ReadonlyMap<string, string>, entry: string, keep: (name: string) => boolean = () => true): string {
  const mods = new Map<string, Mod>()
  const augments = new Map<Key, Chunk[]>()
  const resolvePath = (spec: string, from: string): string | undefined => {
    if (!spec.startsWith('.')) return undefined
    const parts = from.split('/').slice(0, -1)
    for (const s of spec.split('/')) {
      if (s === '..') parts.pop()
      else if (s !== '.') parts.push(s)
    }
    const base = parts.join('/').replace(/\.(d\.ts|ts|js|mjs)$/, '')
    return [`${base}.ts`, `${base}/index.ts`].find((f) => files.has(f))
  }
  const hasModifier = (n: TS.Node, kind: TS.SyntaxKind) =>
    ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === kind)
  const declNames = (s: TS.Statement): string[] =>
    ts.isVariableStatement(s) ? s.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []))
      : (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)
        || ts.isEnumDeclaration(s)) && s.name ? [s.name.text] : []

  for (const [file, text] of files) {
    const sf = ts.createSourceFile(file.replace(/\.ts$/, '.d.ts'), text, ts.ScriptTarget.Latest, true)
    const mod: Mod = { sf, locals: new Map(), imports: new Map(), exports: new Map() }
    mods.set(file, mod)
    for (const s of sf.statements) {
      if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier)) {
        const from = resolvePath(s.moduleSpecifier.text, file)
        const named = s.importClause?.namedBindings
        if (from && named && ts.isNamedImports(named)) {
          for (const el of named.elements) mod.imports.set(el.name.text, { file: from, name: (el.propertyName ?? el.name).text })
        }
      } else if (ts.isExportDeclaration(s) && s.exportClause && ts.isNamedExports(s.exportClause)) {
        const from = s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? resolvePath(s.moduleSpecifier.text, file) : file
        if (!from) continue
        for (const el of s.exportClause.elements) push(mod.exports, el.name.text, { file: from, name: (el.propertyName ?? el.name).text })
      } else if (ts.isModuleDeclaration(s) && ts.isStringLiteral(s.name) && s.body && ts.isModuleBlock(s.body)) {
        const target = resolvePath(s.name.text, file)
        if (!target) continue
        for (const inner of s.body.statements) {
          for (const name of declNames(inner)) push(augments, `${target}#${name}`, { stmt: inner, scope: file })
        }
      } else {
        for (const name of declNames(s)) {
          push(mod.locals, name, s)
          if (hasModifier(s, ts.SyntaxKind.ExportKeyword)) push(mod.exports, name, { file, name })
        }
      }
    }
  }

  const resolveExport = (file: string, name: string, depth = 0): Key[] => {
    if (depth > 20) return []
    const targets = mods.get(file)?.exports.get(name) ?? []
    return targets.flatMap((e) => (e.file === file ? resolveLocal(file, e.name, depth + 1) : resolveExport(e.file, e.name, depth + 1)))
  }
  const resolveLocal = (file: string, name: string, depth = 0): Key[] => {
    const mod = mods.get(file)
    if (!mod) return []
    if (mod.locals.has(name)) return [`${file}#${name}`]
    const imp = mod.imports.get(name)
    return imp ? resolveExport(imp.file, imp.name, depth + 1) : []
  }
  const chunksOf = (key: Key): Chunk[] => {
    const [file, name] = splitKey(key)
    return [...(mods.get(file)?.locals.get(name) ?? []).map((stmt) => ({ stmt, scope: file })), ...(augments.get(key) ?? [])]
  }
  const isClass = (key: Key) => chunksOf(key).some((c) => ts.isClassDeclaration(c.stmt))
  const isValue = (key: Key) => chunksOf(key).some((c) => ts.isVariableStatement(c.stmt) || ts.isFunctionDeclaration(c.stmt))

  // The references of a chunk: identifiers (and `import("...").X` types) that name declarations.
  const refsOf = (c: Chunk): Array<{ node: TS.Node; key: Key }> => {
    const out: Array<{ node: TS.Node; key: Key }> = []
    const typeParams = (n: TS.Node): boolean => {
      const name = (n as TS.Identifier).text
      for (let p: TS.Node | undefined = n.parent; p; p = p.parent) {
        const tps = (p as { typeParameters?: TS.NodeArray<TS.TypeParameterDeclaration> }).typeParameters
        if (tps?.some((tp) => tp.name.text === name)) return true
      }
      return false
    }
    const ref = (id: TS.Node) => {
      while (ts.isQualifiedName(id)) id = id.left
      while (ts.isPropertyAccessExpression(id)) id = id.expression
      if (!ts.isIdentifier(id) || typeParams(id)) return
      for (const key of resolveLocal(c.scope, id.text)) out.push({ node: id, key })
    }
    const visit = (n: TS.Node): void => {
      if (ts.isTypeReferenceNode(n)) ref(n.typeName)
      else if (ts.isExpressionWithTypeArguments(n)) ref(n.expression)
      else if (ts.isTypeQueryNode(n)) ref(n.exprName)
      else if (ts.isImportTypeNode(n) && !n.isTypeOf && n.qualifier && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) {
        const from = resolvePath(n.argument.literal.text, c.scope)
        let q: TS.EntityName = n.qualifier
        while (ts.isQualifiedName(q)) q = q.left
        for (const key of from ? resolveExport(from, q.text) : []) out.push({ node: n, key })
      }
      ts.forEachChild(n, visit)
    }
    visit(c.stmt)
    return out
  }

  // Roots, and the names that `export type X = Y` gives to classes and interfaces.
  const entryMod = mods.get(entry)
  if (!entryMod) throw new Error(`flattenDeclarations: no declarations for ${entry}`)
  const exportNames = [...entryMod.exports.keys()].filter(keep)
  const names = new Map<Key, string>()
  const aliases: Array<{ name: string; key: Key }> = []
  const absorbed = new Set<Key>()
  const docOf = new Map<Key, string>()
  for (const exported of exportNames) {
    for (const key of resolveExport(entry, exported)) {
      const decl = chunksOf(key)
      if (decl.length !== 1 || !ts.isTypeAliasDeclaration(decl[0].stmt)) continue
      const alias = decl[0].stmt
      if (!ts.isTypeReferenceNode(alias.type) || alias.type.typeArguments || !ts.isIdentifier(alias.type.typeName)) continue
      const target = resolveLocal(decl[0].scope, alias.type.typeName.text)
        .find((t) => chunksOf(t).some((c) => ts.isClassDeclaration(c.stmt) || ts.isInterfaceDeclaration(c.stmt)))
      if (!target) continue
      absorbed.add(key)
      names.set(target, exported)
      docOf.set(target, leadingComments(mods.get(decl[0].scope)!.sf.text, alias))
    }
  }
  for (const exported of exportNames) {
    for (const key of resolveExport(entry, exported)) {
      if (absorbed.has(key)) continue
      if (!names.has(key)) names.set(key, exported)
      else if (names.get(key) !== exported) aliases.push({ name: exported, key })
    }
  }

  // Everything the roots need.
  const needed: Key[] = [...names.keys()]
  for (let i = 0; i < needed.length; i++) {
    for (const c of chunksOf(needed[i])) {
      for (const r of refsOf(c)) if (!needed.includes(r.key)) needed.push(r.key)
    }
  }
  const taken = new Set([...names.values(), ...aliases.map((a) => a.name)])
  for (const key of needed) {
    if (names.has(key)) continue
    const base = splitKey(key)[1]
    let name = base
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`
    names.set(key, name)
    taken.add(name)
  }
  const byName = new Map<string, Key[]>()
  for (const key of needed) push(byName, names.get(key)!, key)
  const asInterface = new Set(needed.filter((k) => isClass(k) && byName.get(names.get(k)!)!.some((o) => o !== k && isValue(o))))

  type Edit = { pos: number; end: number; text: string }
  /** The text of `node` (from c's module), with references renamed and `edits` applied. */
  const render = (c: Chunk, node: TS.Node, edits: Edit[]): string => {
    const removed = edits.filter((e) => e.text === '' && e.end > e.pos)
    for (const r of refsOf(c)) {
      const pos = r.node.getStart(), end = r.node.end
      if (pos < node.pos || end > node.end || removed.some((e) => e.pos <= pos && end <= e.end)) continue
      const name = names.get(r.key)!
      if (ts.isImportTypeNode(r.node)) edits.push({ pos, end: r.node.qualifier!.end, text: name })
      else if ((r.node as TS.Identifier).text !== name) edits.push({ pos, end, text: name })
    }
    edits.sort((a, b) => b.pos - a.pos)
    let out = mods.get(c.scope)!.sf.text.slice(node.pos, node.end)
    for (const e of edits) out = out.slice(0, e.pos - node.pos) + e.text + out.slice(e.end - node.pos)
    return out
  }
  const emit = (c: Chunk, key: Key): string => {
    const s = c.stmt
    const text = mods.get(c.scope)!.sf.text
    const edits: Edit[] = []
    for (const m of (ts.canHaveModifiers(s) ? ts.getModifiers(s) : undefined) ?? []) {
      const drop = m.kind === ts.SyntaxKind.ExportKeyword || m.kind === ts.SyntaxKind.DefaultKeyword
        || (m.kind === ts.SyntaxKind.DeclareKeyword && asInterface.has(key))
      if (drop) edits.push({ pos: m.getStart(), end: skipSpaces(text, m.end), text: '' })
    }
    const nameNode = (s as { name?: TS.Node }).name
    if (nameNode && ts.isIdentifier(nameNode) && names.get(key) !== nameNode.text) {
      edits.push({ pos: nameNode.getStart(), end: nameNode.end, text: names.get(key)! })
    }
    const signatures = callableConst(ts, s)
    if (signatures) {
      // `declare const tanh: { (x: number): number; ... }` reads better as overloads: hovers and
      // completions say `function tanh(x: Value): Value`, with the doc comment on each.
      const doc = leadingComments(text, s)
      return signatures.map((sig) => `${doc ? `${doc}\n` : ''}declare function ${names.get(key)}${render(c, sig, []).trim().replace(/;$/, '')};`).join('\n')
    }
    if (ts.isClassDeclaration(s) && asInterface.has(key)) {
      const kw = s.getChildren().find((t) => t.kind === ts.SyntaxKind.ClassKeyword)
      if (kw) edits.push({ pos: kw.getStart(), end: kw.end, text: 'interface' })
      for (const m of s.members) if (!isPublicInstanceMember(ts, m)) edits.push({ pos: m.pos, end: m.end, text: '' })
    }
    return render(c, s, edits).replace(/^\s*\n/, '')
  }
  /** `type ValueNode = Value`, and for a class its constructor as a value of that name. */
  const aliasDeclarations = (alias: string, key: Key): string[] => {
    const target = names.get(key)!
    const out = [`type ${alias} = ${target}`]
    const cls = chunksOf(key).find((c) => ts.isClassDeclaration(c.stmt))
    if (!cls) return out
    if (!asInterface.has(key)) return [...out, `declare const ${alias}: typeof ${target}`]
    const ctor = (cls.stmt as TS.ClassDeclaration).members.find(ts.isConstructorDeclaration)
    const params = (ctor?.parameters ?? []).map((p) => render(cls, p, []).trim()).join(', ')
    return [...out, `declare const ${alias}: { new (${params}): ${target}; readonly prototype: ${target} }`]
  }

  const out: string[] = []
  for (const [file, mod] of mods) {
    for (const s of mod.sf.statements) {
      const key = declNames(s).map((n) => `${file}#${n}`).find((k) => needed.includes(k) && !absorbed.has(k))
      if (!key) continue
      const doc = docOf.get(key)
      if (doc && s === mod.locals.get(splitKey(key)[1])![0]) out.push(doc)
      out.push(emit({ stmt: s, scope: file }, key))
      if (s === mod.locals.get(splitKey(key)[1])!.at(-1)) for (const a of augments.get(key) ?? []) out.push(dedent(emit(a, key)))
    }
  }
  for (const { name, key } of aliases) out.push(...aliasDeclarations(name, key))
  return out.join('\n') + '\n'
}

/** The call signatures of `declare const f: { (x: A): B; ... }`, when that is all its type is. */
function callableConst(ts: TsApi, s: TS.Statement): TS.CallSignatureDeclaration[] | undefined {
  if (!ts.isVariableStatement(s) || s.declarationList.declarations.length !== 1) return undefined
  const type = s.declarationList.declarations[0].type
  if (!type || !ts.isTypeLiteralNode(type) || type.members.length === 0) return undefined
  return type.members.every(ts.isCallSignatureDeclaration) ? [...type.members] as TS.CallSignatureDeclaration[] : undefined
}

function isPublicInstanceMember(ts: TsApi, m: TS.ClassElement): boolean {
  if (ts.isConstructorDeclaration(m) || (m.name && ts.isPrivateIdentifier(m.name))) return false
  const mods = (ts.canHaveModifiers(m) ? ts.getModifiers(m) : undefined) ?? []
  return !mods.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword || x.kind === ts.SyntaxKind.ProtectedKeyword || x.kind === ts.SyntaxKind.StaticKeyword)
}

function leadingComments(text: string, node: TS.Node): string {
  const full = text.slice(node.pos, node.getStart())
  const m = /\/\*\*[\s\S]*?\*\//.exec(full)
  return m ? m[0] : ''
}

function dedent(text: string): string {
  const indent = /^[ \t]*/.exec(text)![0]
  return text.split('\n').map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l)).join('\n')
}

function skipSpaces(text: string, i: number): number {
  while (text[i] === ' ') i++
  return i
}

function splitKey(key: Key): [string, string] {
  const i = key.lastIndexOf('#')
  return [key.slice(0, i), key.slice(i + 1)]
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const a = m.get(k)
  if (a) a.push(v)
  else m.set(k, [v])
}
