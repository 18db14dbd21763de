import { parseWithZod } from '@conform-to/zod'
import { describe, expect, it } from 'vitest'
import {
  isFoundingYear,
  memberSchema,
  normaliseWebsite,
  ventureSchema,
} from '#app/modules/applications/venture.schema.ts'
import { provinces } from '#db/seed/reference-data.ts'
import { regenciesByProvince } from '#db/seed/regencies.ts'

// The venture form's rules and the kabupaten/kota reference list, without a database.

const form = (fields: Record<string, string>) => {
  const data = new FormData()
  for (const [k, v] of Object.entries(fields)) data.append(k, v)
  return data
}

describe('venture profile schema', () => {
  it('accepts a minimal profile and leaves optional fields out', () => {
    const s = parseWithZod(form({ intent: 'save', name: ' Rumah Baca ', legal_form: 'community', stage: 'idea' }), {
      schema: ventureSchema,
    })
    expect(s.status).toBe('success')
    if (s.status !== 'success') return
    expect(s.value).toEqual({ intent: 'save', name: 'Rumah Baca', legal_form: 'community', stage: 'idea' })
  })

  it('answers translation keys at each wrong field', () => {
    const s = parseWithZod(
      form({ intent: 'save', name: '', legal_form: 'llc', stage: '', year_founded: '1850', website: 'not a site' }),
      { schema: ventureSchema },
    )
    expect(s.status).toBe('error')
    const errors = s.reply().error ?? {}
    expect(errors.name).toEqual(['venture:errors.required'])
    expect(errors.legal_form).toEqual(['venture:errors.choose'])
    expect(errors.stage).toEqual(['venture:errors.choose'])
    expect(errors.year_founded).toEqual(['venture:errors.year'])
    expect(errors.website).toEqual(['venture:errors.website'])
  })

  it('refuses over-long texts and malformed regency codes', () => {
    const s = parseWithZod(
      form({
        intent: 'save',
        name: 'x'.repeat(201),
        legal_form: 'pt',
        stage: 'operating',
        address: 'a'.repeat(501),
        regency_code: '61A1',
      }),
      { schema: ventureSchema },
    )
    const errors = s.reply().error ?? {}
    expect(errors.name).toEqual(['venture:errors.tooLong'])
    expect(errors.address).toEqual(['venture:errors.tooLong'])
    expect(errors.regency_code).toEqual(['venture:errors.regency'])
  })

  it('normalises web addresses as people type them', () => {
    expect(normaliseWebsite('usahaku.id')).toBe('https://usahaku.id')
    expect(normaliseWebsite('http://usahaku.id/tentang')).toBe('http://usahaku.id/tentang')
    expect(normaliseWebsite('javascript:alert(1)')).toBeNull()
    expect(normaliseWebsite('localhost')).toBeNull()
    expect(normaliseWebsite('usaha ku.id')).toBeNull()
  })

  it('takes founding years from 1900 up to this year', () => {
    const now = new Date('2026-06-01T00:00:00Z')
    expect(isFoundingYear(1900, now)).toBe(true)
    expect(isFoundingYear(2026, now)).toBe(true)
    expect(isFoundingYear(2027, now)).toBe(false)
    expect(isFoundingYear(1899, now)).toBe(false)
    expect(isFoundingYear(2001.5, now)).toBe(false)
  })

  it('requires every team member field', () => {
    const s = parseWithZod(form({ intent: 'addMember', name: 'Siti', role: '', gender: 'x', age_band: '' }), {
      schema: memberSchema,
    })
    const errors = s.reply().error ?? {}
    expect(errors.name).toBeUndefined()
    expect(errors.role).toEqual(['venture:errors.required'])
    expect(errors.gender).toEqual(['venture:errors.choose'])
    expect(errors.age_band).toEqual(['venture:errors.choose'])
  })
})

describe('kabupaten/kota reference list', () => {
  const expected: Record<string, { kabupaten: number; kota: number }> = {
    banten: { kabupaten: 4, kota: 4 },
    ntt: { kabupaten: 21, kota: 1 },
    sumut: { kabupaten: 25, kota: 8 },
    kalbar: { kabupaten: 12, kota: 2 },
    jatim: { kabupaten: 29, kota: 9 },
    sulsel: { kabupaten: 21, kota: 3 },
  }

  it('has the official number of kabupaten and kota per province', () => {
    for (const [slug, counts] of Object.entries(expected)) {
      const list = regenciesByProvince[slug] ?? []
      expect({ slug, kabupaten: list.filter((r) => r.kind === 'kabupaten').length }).toEqual({
        slug,
        kabupaten: counts.kabupaten,
      })
      expect({ slug, kota: list.filter((r) => r.kind === 'kota').length }).toEqual({ slug, kota: counts.kota })
    }
  })

  it('uses the province BPS prefix, kabupaten codes below 71 and kota codes from 71', () => {
    const all = Object.entries(regenciesByProvince).flatMap(([slug, list]) => list.map((r) => ({ slug, ...r })))
    expect(new Set(all.map((r) => r.code)).size).toBe(all.length)
    for (const r of all) {
      const province = provinces.find((p) => p.slug === r.slug)
      expect(r.code.slice(0, 2), r.code).toBe(province?.bps_code)
      const n = Number(r.code.slice(2))
      expect(r.kind === 'kota' ? n >= 71 : n >= 1 && n <= 69, r.code).toBe(true)
    }
  })
})
