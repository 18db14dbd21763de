import { describe, expect, it } from 'vitest'
import { projectRoot } from '#tests/support/app-process.ts'
import { hazardsIn, localeFormatting, misnestedMarkup, sourceFiles } from '#tests/support/hydration-hazards.ts'

const appFiles = sourceFiles(projectRoot, 'app', ['.ts', '.tsx'])
// Reads zone offsets from en-US parts with an explicit zone: arithmetic, never shown text.
const offsetArithmetic = 'app/modules/calls/zoned-time.ts'
const formattingHome = 'app/i18n/format.ts'

describe('markup the HTML parser would rebuild (the server HTML would not hydrate)', () => {
  it('finds forms, blocks and lists inside a paragraph, also through Form and FormMessage', () => {
    const source = `export const A = () => (
      <p className="nav">
        <Form method="post"><button>x</button></Form>
        <span><div>y</div></span>
      </p>
    )
    export const B = () => <p>{ok ? <FormMessage kind="ok">z</FormMessage> : <ul><li>w</li></ul>}</p>`
    expect(misnestedMarkup(source)).toEqual([
      { line: 3, text: '<form> inside <p>' },
      { line: 4, text: '<div> inside <p>' },
      { line: 7, text: '<p> inside <p>' },
      { line: 7, text: '<ul> inside <p>' },
    ])
  })

  it('finds a link in a link, a form in a form and a row straight in a table', () => {
    const source = `export const A = () => (
      <Form><div><fetcher.Form /></div></Form>
    )
    export const B = () => <Link to="/"><span><a href="/x">x</a></span></Link>
    export const C = () => <table>{rows.map((r) => <tr key={r}><td>{r}</td></tr>)}</table>`
    expect(misnestedMarkup(source).map((h) => `${h.line} ${h.text}`)).toEqual([
      '2 <form> inside <form>',
      '4 <a> inside <a>',
      '5 <tr> straight inside <table>',
    ])
  })

  it('accepts phrasing content in a paragraph and a form holding paragraphs and a table', () => {
    const source = `export const A = () => (
      <Form method="post"><p><strong>a</strong> <Link to="/">b</Link></p><table><tbody><tr /></tbody></table></Form>
    )
    export const B = () => <div className="nav"><Form><button>x</button></Form></div>`
    expect(misnestedMarkup(source)).toEqual([])
  })

  it('none in the app', () => {
    expect(
      hazardsIn(
        projectRoot,
        appFiles.filter((f) => f.endsWith('.tsx')),
        misnestedMarkup,
      ),
    ).toEqual([])
  })
})

describe('locale- and zone-dependent formatting lives in app/i18n/format.ts alone', () => {
  it('finds toLocaleString and its kin and Intl constructors, not comments or type names', () => {
    const source = [
      'const a = n.toLocaleString()',
      "const b = d.toLocaleDateString('id-ID')",
      'const c = new Intl.NumberFormat(locale).format(n)',
      '// n.toLocaleString() would use the runtime locale',
      'let f: Intl.DateTimeFormat | null = null',
      "const g = formatNumber(n, 'id')",
    ].join('\n')
    expect(localeFormatting(source).map((h) => h.line)).toEqual([1, 2, 3])
  })

  it('nowhere else in the app', () => {
    const others = appFiles.filter((f) => f !== formattingHome && f !== offsetArithmetic)
    expect(hazardsIn(projectRoot, others, localeFormatting)).toEqual([])
  })
})
