import { describe, expect, it } from 'vitest'
import { CSV_BOM, csvCell, csvRow, neutraliseFormula, toCsv } from '#app/modules/intake/csv.ts'
import { containsPattern, filterSearch, parseFilters } from '#app/modules/intake/filters.ts'

describe('CSV cells', () => {
  it('leaves plain text and numbers alone, empties null', () => {
    expect(csvCell('Koperasi Air Bersih')).toBe('Koperasi Air Bersih')
    expect(csvCell(1200)).toBe('1200')
    expect(csvCell(0)).toBe('0')
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
    expect(csvCell(Number.NaN)).toBe('')
  })

  it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvCell('Sekolah "Pelangi", Ketapang')).toBe('"Sekolah ""Pelangi"", Ketapang"')
    expect(csvCell('baris satu\nbaris dua')).toBe('"baris satu\nbaris dua"')
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"')
  })

  it('neutralises texts a spreadsheet would run as formulas', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(neutraliseFormula(`${start}1+1`)).toBe(`'${start}1+1`)
    }
    expect(neutraliseFormula('1+1')).toBe('1+1')
    expect(csvCell('=HYPERLINK("http://x","klik")')).toBe('"\'=HYPERLINK(""http://x"",""klik"")"')
    expect(csvCell('-5')).toBe("'-5")
    // Numbers are data, not typed text: a number is never prefixed.
    expect(csvCell(-5)).toBe('-5')
  })

  it('builds rows and a document with BOM and CRLF line ends', () => {
    expect(csvRow(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"')
    const doc = toCsv(['Nama', 'Jumlah'], [['Budi', 3]])
    expect(doc.startsWith(CSV_BOM)).toBe(true)
    expect(doc).toBe('\uFEFFNama,Jumlah\r\nBudi,3\r\n')
    expect(toCsv(['x'], [])).toBe('\uFEFFx\r\n')
  })
})

describe('list filters', () => {
  const uuid = '7D1C3A52-9A4E-4C1B-8F0E-2B6D5E4A9C10'

  it('keeps valid values and drops malformed ones', () => {
    const params = new URLSearchParams({
      issue: uuid,
      regency: '6171',
      status: 'withdrawn',
      stage: 'idea',
      q: '  budi ',
    })
    expect(parseFilters(params)).toEqual({
      issue: uuid.toLowerCase(),
      regency: '6171',
      status: 'withdrawn',
      stage: 'idea',
      q: 'budi',
    })
    const bad = new URLSearchParams({ issue: 'x', regency: '61', status: 'draft', stage: 'huge', q: '   ' })
    expect(parseFilters(bad)).toEqual({})
  })

  it('writes links that keep the filters', () => {
    expect(filterSearch({})).toBe('')
    expect(filterSearch({ status: 'submitted', q: 'a b' }, 2)).toBe('?status=submitted&q=a+b&page=2')
    expect(filterSearch({ stage: 'idea' }, 1)).toBe('?stage=idea')
  })

  it('escapes LIKE wildcards in the search', () => {
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%')
  })
})
