import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

// Static checks for the two ways a page's server HTML stops matching what React
// renders in the browser, which makes React throw the HTML away (errors #418/#423):
// markup the HTML parser rebuilds differently, and formatting that depends on the
// runtime's own locale or zone (the server runs in UTC, the reader's browser does not).

export interface Hazard {
  line: number
  text: string
}

// The components that render one element of their own at the top (app/ui/fields.tsx, Remix).
const rendersAs: Record<string, string> = { Form: 'form', Link: 'a', NavLink: 'a', FormMessage: 'p', FieldErrors: 'p' }

// Start tags that make the HTML parser close an open <p> (WHATWG "in body" insertion mode).
const closesParagraph = new Set(
  'address article aside blockquote details dialog div dl fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section summary table ul'.split(
    ' ',
  ),
)
// Elements the parser never nests in themselves: the inner start tag ends (or is dropped in) the outer one.
const neverNested = new Set(['a', 'button', 'form'])

function tagOf(node: ts.JsxElement | ts.JsxSelfClosingElement): string {
  const name = (ts.isJsxElement(node) ? node.openingElement.tagName : node.tagName).getText()
  return rendersAs[name] ?? (name.endsWith('.Form') ? 'form' : name)
}

/** JSX whose nesting the HTML parser would rebuild: block content in a <p>, a link in a link, a form in a form, a row straight in a table. */
export function misnestedMarkup(source: string): Hazard[] {
  const file = ts.createSourceFile('page.tsx', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const found: Hazard[] = []
  const visit = (node: ts.Node, open: readonly string[]) => {
    let inside = open
    if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node)) {
      const tag = tagOf(node)
      const parent = open.at(-1)
      const problem =
        open.includes('p') && closesParagraph.has(tag)
          ? `<${tag}> inside <p>`
          : neverNested.has(tag) && open.includes(tag)
            ? `<${tag}> inside <${tag}>`
            : tag === 'tr' && parent === 'table'
              ? '<tr> straight inside <table>'
              : null
      if (problem) found.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: problem })
      // Only the elements the rules look at are remembered; a component in between is looked through.
      // Below a misplaced element its ancestors are forgotten, so one mistake is reported once.
      const above = problem ? [] : open
      if (tag === 'p' || neverNested.has(tag) || tag === 'table') inside = [...above, tag]
      else if (/^[a-z]/.test(tag)) inside = [...above, 'other']
      else inside = above
    }
    ts.forEachChild(node, (child) => visit(child, inside))
  }
  visit(file, [])
  return found
}

const localeDependent = /\.toLocale(?:Date|Time)?String\(|\bnew Intl\.\w+\(|\bIntl\.\w+\(/

/** Lines that format with the runtime's locale machinery, which belongs in app/i18n/format.ts alone. */
export function localeFormatting(source: string): Hazard[] {
  return source
    .split('\n')
    .map((text, i) => ({ line: i + 1, text: text.trim() }))
    .filter((l) => localeDependent.test(l.text) && !l.text.startsWith('//') && !l.text.startsWith('*'))
}

/** The app's source files (relative to `root`) ending in one of `extensions`. */
export function sourceFiles(root: string, dir: string, extensions: readonly string[]): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && extensions.some((x) => e.name.endsWith(x)))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort()
}

/** Every hazard `check` finds in `files`, as "file:line text". */
export function hazardsIn(root: string, files: readonly string[], check: (source: string) => Hazard[]): string[] {
  return files.flatMap((f) => check(readFileSync(path.join(root, f), 'utf8')).map((h) => `${f}:${h.line} ${h.text}`))
}
