import { describe, expect, it } from 'vitest'
import { detectConflicts, mailDomain, normaliseName } from '#app/modules/assignment/conflicts.ts'

// Automatic conflict detection (issue 7): email domains and organisation/name matches.

const reviewer = (over: Partial<Parameters<typeof detectConflicts>[0][number]> = {}) => ({
  id: 'r1',
  name: 'Yohanes Sutrisno',
  email: 'yohanes@dinkes.kalbarprov.go.id',
  opdName: 'Dinas Kesehatan',
  opdShortName: 'Dinkes',
  ...over,
})
const application = (over: Partial<Parameters<typeof detectConflicts>[1][number]> = {}) => ({
  id: 'a1',
  applicantEmail: 'siti@koperasi-air.id',
  ventureName: 'Koperasi Air Bersih',
  memberNames: ['Siti Rahmawati', 'Budi Santoso'],
  ...over,
})

describe('normaliseName and mailDomain', () => {
  it('folds case, accents, punctuation and spacing', () => {
    expect(normaliseName('  Dinas   KESEHATAN, Prov. Kalbar ')).toBe('dinas kesehatan prov kalbar')
    expect(normaliseName('Café Sóciál')).toBe('cafe social')
  })
  it('reads the domain after the last @, lower case', () => {
    expect(mailDomain('A@B@Example.ID')).toBe('example.id')
    expect(mailDomain('no-at-sign')).toBeNull()
    expect(mailDomain('trailing@')).toBeNull()
  })
})

describe('detectConflicts', () => {
  it('finds nothing without a shared domain or matching name', () => {
    expect(detectConflicts([reviewer()], [application()])).toEqual([])
  })

  it('flags a shared organisation domain, case-insensitively', () => {
    const found = detectConflicts(
      [reviewer({ email: 'Yohanes@Koperasi-Air.ID' })],
      [application({ applicantEmail: 'siti@koperasi-air.id' })],
    )
    expect(found).toEqual([{ reviewerId: 'r1', applicationId: 'a1', kind: 'email_domain', note: 'koperasi-air.id' }])
  })

  it('ignores public mail providers', () => {
    for (const domain of ['gmail.com', 'yahoo.co.id', 'outlook.com', 'proton.me', 'mail.com', 'demo.winner.id']) {
      expect(
        detectConflicts([reviewer({ email: `y@${domain}` })], [application({ applicantEmail: `s@${domain}` })]),
      ).toEqual([])
    }
  })

  it("flags a venture named like the reviewer's OPD, its short name or the reviewer", () => {
    for (const ventureName of ['DINAS KESEHATAN', 'dinkes', 'Yohanes  Sutrisno.']) {
      expect(detectConflicts([reviewer()], [application({ ventureName })])).toEqual([
        { reviewerId: 'r1', applicationId: 'a1', kind: 'organisation_match', note: expect.any(String) },
      ])
    }
  })

  it('does not flag a venture that merely contains the OPD name', () => {
    expect(detectConflicts([reviewer()], [application({ ventureName: 'Klinik Mitra Dinas Kesehatan' })])).toEqual([])
  })

  it('flags a team member with the reviewer’s name', () => {
    const found = detectConflicts([reviewer()], [application({ memberNames: ['yohanes sutrisno'] })])
    expect(found).toEqual([
      { reviewerId: 'r1', applicationId: 'a1', kind: 'organisation_match', note: 'Yohanes Sutrisno' },
    ])
  })

  it('reports one conflict per pair, the email domain first, and only the pairs that match', () => {
    const found = detectConflicts(
      [
        reviewer({ email: 'y@koperasi-air.id' }),
        reviewer({ id: 'r2', name: 'Lain', email: 'l@gmail.com', opdName: null, opdShortName: null }),
      ],
      [
        application({ ventureName: 'Dinkes' }),
        application({ id: 'a2', applicantEmail: 'x@gmail.com', ventureName: 'Lain' }),
      ],
    )
    expect(found).toEqual([
      { reviewerId: 'r1', applicationId: 'a1', kind: 'email_domain', note: 'koperasi-air.id' },
      { reviewerId: 'r2', applicationId: 'a2', kind: 'organisation_match', note: 'Lain' },
    ])
  })

  it('an OPD without a short name or a blank name never matches an empty venture name', () => {
    expect(
      detectConflicts([reviewer({ opdShortName: null, opdName: null, name: '' })], [application({ ventureName: '' })]),
    ).toEqual([])
  })
})
