import { describe, expect, it } from 'vitest'
import { opdSchema } from '#app/modules/catalogue/catalogue.schema.ts'
import { eventSchema, regencySchema } from '#app/modules/cocreation/cocreation.schema.ts'
import {
  checkRegencyImport,
  codeProblem,
  MAX_IMPORT_ROWS,
  parseCsv,
  regencyKind,
  regencyName,
} from '#app/modules/cocreation/regency-rules.ts'

// The kabupaten/kota rules (issue 15): BPS codes, names, and the CSV import checked
// row by row; the agency level and the co-creation event form's cross-field rules.

const none = new Map<string, string>()

describe('BPS codes and names', () => {
  it('takes four digits starting with the province code, never the province itself', () => {
    expect(codeProblem('7322', '73')).toBeNull()
    expect(codeProblem('7371', '73')).toBeNull()
    expect(codeProblem('6101', '73')).toBe('cocreation:regencies.errors.otherProvince')
    expect(codeProblem('732', '73')).toBe('cocreation:regencies.errors.code')
    expect(codeProblem('73a2', '73')).toBe('cocreation:regencies.errors.code')
    expect(codeProblem('7300', '73')).toBe('cocreation:regencies.errors.code')
  })

  it('reads the kind from the code: kota from 71', () => {
    expect(regencyKind('7322')).toBe('kabupaten')
    expect(regencyKind('7369')).toBe('kabupaten')
    expect(regencyKind('7371')).toBe('kota')
  })

  it('drops the Kabupaten/Kab./Kota prefix and extra spaces', () => {
    expect(regencyName('Kabupaten Luwu Utara')).toBe('Luwu Utara')
    expect(regencyName('  Kab.  Luwu   Utara ')).toBe('Luwu Utara')
    expect(regencyName('KOTA Makassar')).toBe('Makassar')
    expect(regencyName('Kotawaringin Barat')).toBe('Kotawaringin Barat')
  })
})

describe('CSV parsing', () => {
  it('reads quotes, doubled quotes, CRLF, a BOM and semicolons', () => {
    expect(parseCsv('\uFEFFcode,name\r\n7322,"Luwu, Utara"\r\n7371,"Kota ""Daeng"""\n')).toEqual([
      ['code', 'name'],
      ['7322', 'Luwu, Utara'],
      ['7371', 'Kota "Daeng"'],
    ])
    expect(parseCsv('kode;nama\n7322;Luwu Utara')).toEqual([
      ['kode', 'nama'],
      ['7322', 'Luwu Utara'],
    ])
  })
})

describe('checking an import', () => {
  it('accepts good rows, skips blank lines and knows kabupaten from kota', () => {
    const check = checkRegencyImport('code,name\n7322,Kabupaten Luwu Utara\n\n7373,Kota Palopo\n', '73', none)
    expect(check.problems).toEqual([])
    expect(check.added).toEqual([
      { code: '7322', name: 'Luwu Utara', kind: 'kabupaten' },
      { code: '7373', name: 'Palopo', kind: 'kota' },
    ])
  })

  it('reports every bad row with its line and adds nothing', () => {
    const csv = [
      'code,name',
      '7322,Luwu Utara',
      '6101,Sambas',
      '73x1,Salah',
      '7317,',
      '7322,Luwu Utara',
      '7302,Bulukumba,extra',
    ].join('\n')
    const check = checkRegencyImport(csv, '73', none)
    expect(check.problems.map((p) => [p.line, p.key])).toEqual([
      [3, 'cocreation:regencies.errors.otherProvince'],
      [4, 'cocreation:regencies.errors.code'],
      [5, 'cocreation:regencies.errors.name'],
      [6, 'cocreation:regencies.errors.repeated'],
      [7, 'cocreation:regencies.errors.columns'],
    ])
    expect(check.problems[3]?.values).toMatchObject({ code: '7322', earlier: 2 })
  })

  it('is idempotent: a code listed with the same name is unchanged, with another name refused', () => {
    const existing = new Map([['7322', 'Luwu Utara']])
    const again = checkRegencyImport('code,name\n7322,luwu utara\n7317,Luwu', '73', existing)
    expect(again.problems).toEqual([])
    expect(again.unchanged).toBe(1)
    expect(again.added.map((r) => r.code)).toEqual(['7317'])
    const clash = checkRegencyImport('code,name\n7322,Luwu Timur', '73', existing)
    expect(clash.problems).toEqual([
      { line: 2, key: 'cocreation:regencies.errors.listedAs', values: { line: 2, code: '7322', name: 'Luwu Utara' } },
    ])
  })

  it('refuses a missing header, an empty file and too many rows', () => {
    expect(checkRegencyImport('7322,Luwu Utara', '73', none).problems[0]?.key).toBe(
      'cocreation:regencies.errors.header',
    )
    expect(checkRegencyImport('code,name\n', '73', none).problems[0]?.key).toBe('cocreation:regencies.errors.noRows')
    const many = ['code,name', ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `73${i},X`)].join('\n')
    expect(checkRegencyImport(many, '73', none).problems[0]?.key).toBe('cocreation:regencies.errors.tooMany')
  })
})

describe('forms', () => {
  it('a regency agency must name its kabupaten/kota; a provincial OPD is the default', () => {
    expect(opdSchema.parse({ name: 'Dinas Sosial', short_name: 'Dinsos' }).level).toBe('province')
    const missing = opdSchema.safeParse({ name: 'Dinas Sosial', short_name: 'Dinsos', level: 'regency' })
    expect(missing.success).toBe(false)
    expect(missing.error?.issues[0]?.path).toEqual(['regency_code'])
    expect(opdSchema.safeParse({ name: 'D', short_name: 'D', level: 'regency', regency_code: '7322' }).success).toBe(
      true,
    )
    expect(opdSchema.safeParse({ name: 'D', short_name: 'D', level: 'district' }).success).toBe(false)
  })

  it('a typed kabupaten/kota needs a four-digit code and a name', () => {
    expect(regencySchema.safeParse({ intent: 'add', code: '7322', name: 'Luwu Utara' }).success).toBe(true)
    expect(regencySchema.safeParse({ intent: 'add', code: '73222', name: 'Luwu Utara' }).success).toBe(false)
    expect(regencySchema.safeParse({ intent: 'add', code: '7322' }).success).toBe(false)
  })

  const A = '00000000-0000-4000-8000-00000000000a'
  const B = '00000000-0000-4000-8000-00000000000b'
  const event = {
    held_on: '2023-10-18',
    place: 'Masamba',
    organiser_kind: 'erat',
    organiser_name: 'Bahar Makkutana',
    invited: [A],
  }

  it('an event invites at least one agency; those present were invited; the next meeting comes later', () => {
    expect(eventSchema.safeParse(event).success).toBe(true)
    const paths = (input: object) => eventSchema.safeParse(input).error?.issues.map((i) => i.path.join('.'))
    expect(paths({ ...event, invited: [] })).toEqual(['invited'])
    expect(paths({ ...event, present: [B] })).toEqual(['present'])
    expect(paths({ ...event, next_meeting_on: '2023-10-18' })).toEqual(['next_meeting_on'])
    expect(paths({ ...event, held_on: '2023-02-30' })).toContain('held_on')
    expect(paths({ ...event, organiser_kind: 'ministry' })).toEqual(['organiser_kind'])
  })
})
