import { parseWithZod } from '@conform-to/zod'
import { describe, expect, it } from 'vitest'
import { memberSchema, ventureSchema } from '#app/modules/applications/venture.schema.ts'
import { emailField, registerSchema } from '#app/modules/auth/auth.schema.ts'
import { opdSchema } from '#app/modules/catalogue/catalogue.schema.ts'
import { cleanFileName } from '#app/modules/storage/storage.server.ts'
import { cleanText } from '#app/modules/validation/fields.ts'

const form = (fields: Record<string, string>) => {
  const data = new FormData()
  for (const [k, v] of Object.entries(fields)) data.set(k, v)
  return data
}

describe('cleanText', () => {
  it('drops bidi overrides, embeddings, isolates and marks', () => {
    const bidi = [
      '\u202A',
      '\u202B',
      '\u202C',
      '\u202D',
      '\u202E',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200E',
      '\u200F',
      '\u061C',
    ]
    for (const c of bidi) expect(cleanText(`a${c}b`)).toBe('ab')
  })

  it('drops C0 and C1 controls and DEL; one line turns tabs and line breaks into spaces', () => {
    expect(cleanText('a\u0000b\u0007c\u007Fd\u0085e\u009Ff')).toBe('abcdef')
    expect(cleanText('Ana\tLestari\r\nPutri')).toBe('Ana Lestari  Putri')
  })

  it('keeps tab, LF and CR in several lines, and ordinary letters everywhere', () => {
    expect(cleanText('baris 1\r\n\tbaris 2\u0000\u202E', { multiline: true })).toBe('baris 1\r\n\tbaris 2')
    expect(cleanText('Nur Āisyah — 李 🙂')).toBe('Nur Āisyah — 李 🙂')
  })
})

describe('the shared name fields clean what they take', () => {
  it('a registration name loses an override; a name of nothing but controls is missing', () => {
    const ok = parseWithZod(
      form({ name: 'Rina\u202Eitnas', email: 'rina@example.id', password: 'kuda-lumping-77', province: 'kalbar' }),
      { schema: registerSchema },
    )
    expect(ok.status === 'success' && ok.value.name).toBe('Rinaitnas')
    const empty = parseWithZod(
      form({ name: '\u202E\u0007 ', email: 'rina@example.id', password: 'kuda-lumping-77', province: 'kalbar' }),
      { schema: registerSchema },
    )
    expect(empty.status === 'error' && empty.error?.name).toEqual(['auth:errors.required'])
  })

  it('team members, OPDs and venture texts: one-line names cleaned, multi-line texts keep their lines', () => {
    const member = memberSchema.parse({
      intent: 'addMember',
      name: ' A\u2066B ',
      role: 'x\ny',
      gender: 'male',
      age_band: '25_34',
    })
    expect(member).toMatchObject({ name: 'AB', role: 'x y' })
    const opd = opdSchema.parse({ name: 'Dinas\u202D Kesehatan', short_name: 'Dinkes\u202E' })
    expect(opd).toMatchObject({ name: 'Dinas Kesehatan', short_name: 'Dinkes' })
    const venture = ventureSchema.parse({
      intent: 'save',
      name: 'Usaha\u200F',
      legal_form: 'cv',
      stage: 'idea',
      social_links: 'ig: @usaha\u202E\nfb: usaha',
    })
    expect(venture).toMatchObject({ name: 'Usaha', social_links: 'ig: @usaha\nfb: usaha' })
  })

  it('keeps the other checks of a field after cleaning', () => {
    expect(emailField.safeParse('a@b.id\u202E').success).toBe(true)
    expect(emailField.safeParse('not an email').success).toBe(false)
    expect(opdSchema.safeParse({ name: 'Dinas', short_name: 'Din<kes>' }).success).toBe(false)
  })
})

describe('cleanFileName', () => {
  it('lists "evil\\u202Efdp.exe.pdf" as what it is', () => {
    expect(cleanFileName('evil\u202Efdp.exe.pdf')).toBe('evilfdp.exe.pdf')
    expect(cleanFileName('a\tb\u0000c.pdf')).toBe('a bc.pdf')
    expect(cleanFileName('proposal v=2.pdf')).toBe('proposal v=2.pdf')
  })
})
