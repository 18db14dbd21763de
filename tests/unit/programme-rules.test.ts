import { describe, expect, it } from 'vitest'
import { editionCreateSchema, milestoneSchema, provinceOnboardSchema } from '#app/modules/programme/programme.schema.ts'
import {
  type DatedMilestone,
  issueDeletionRefusal,
  milestoneProblem,
  nextPhaseNumber,
  sortMilestones,
} from '#app/modules/programme/programme-rules.ts'

const edition = { starts_on: '2022-10-01', ends_on: '2023-09-30' }
const m = (kind: DatedMilestone['kind'], starts_on: string, ends_on: string | null = null): DatedMilestone => ({
  kind,
  starts_on,
  ends_on,
})

describe('milestone order', () => {
  const timeline = [
    m('fgd_validation', '2023-01-10'),
    m('registration_open', '2023-02-06'),
    m('final_night', '2023-08-30'),
  ]

  it('accepts a milestone that fits between its neighbours, same day included', () => {
    expect(milestoneProblem(m('registration_close', '2023-02-20'), timeline, edition)).toBeNull()
    expect(milestoneProblem(m('registration_close', '2023-02-06'), timeline, edition)).toBeNull()
    expect(milestoneProblem(m('mentoring', '2023-07-01', '2023-08-30'), timeline, edition)).toBeNull()
  })

  it('refuses one that starts before an earlier step or after a later one', () => {
    expect(milestoneProblem(m('registration_close', '2023-02-01'), timeline, edition)).toEqual({
      field: 'starts_on',
      key: 'national:errors.milestoneBeforeEarlier',
    })
    expect(milestoneProblem(m('screening', '2023-09-01'), timeline, edition)).toEqual({
      field: 'starts_on',
      key: 'national:errors.milestoneAfterLater',
    })
  })

  it('replaces a milestone of the same kind instead of comparing with it', () => {
    expect(milestoneProblem(m('registration_open', '2023-02-01'), timeline, edition)).toBeNull()
  })

  it('keeps milestones inside the edition', () => {
    expect(milestoneProblem(m('fgd_validation', '2022-09-30'), [], edition)?.key).toBe('national:errors.outsideEdition')
    expect(milestoneProblem(m('mentoring', '2023-09-01', '2023-10-15'), [], edition)).toEqual({
      field: 'ends_on',
      key: 'national:errors.outsideEdition',
    })
  })

  it('sorts a timeline in programme order', () => {
    const sorted = sortMilestones([
      m('final_night', '2023-08-30'),
      m('screening', '2023-02-25'),
      m('fgd_validation', '2023-01-10'),
    ])
    expect(sorted.map((x) => x.kind)).toEqual(['fgd_validation', 'screening', 'final_night'])
  })
})

describe('phases and issues', () => {
  it('numbers a new phase after the last', () => {
    expect(nextPhaseNumber([])).toBe(1)
    expect(nextPhaseNumber([1, 3, 2])).toBe(4)
  })

  it('never deletes a national issue a province used', () => {
    expect(issueDeletionRefusal(0)).toBeNull()
    expect(issueDeletionRefusal(3)).toBe('national:issues.inUse')
  })
})

describe('programme schemas', () => {
  it('requires an edition period that runs forwards, on the end date', () => {
    const base = { slug: '2025', name: 'WiNNER 2025', status: 'planned', starts_on: '2024-10-01' }
    const same = editionCreateSchema.safeParse({ ...base, ends_on: '2024-10-01' })
    expect(same.success).toBe(false)
    expect(same.error?.issues[0]).toMatchObject({ path: ['ends_on'], message: 'national:errors.endNotAfterStart' })
    expect(editionCreateSchema.safeParse({ ...base, ends_on: '2025-09-30' }).success).toBe(true)
    expect(editionCreateSchema.safeParse({ ...base, ends_on: '2025-02-30' }).success).toBe(false)
  })

  it('lets a milestone end on its start day but not before', () => {
    const base = { intent: 'milestone', phase: '00000000-0000-4000-8000-000000000000', kind: 'mentoring' }
    expect(milestoneSchema.safeParse({ ...base, starts_on: '2023-07-01', ends_on: '2023-07-01' }).success).toBe(true)
    const back = milestoneSchema.safeParse({ ...base, starts_on: '2023-07-01', ends_on: '2023-06-30' })
    expect(back.error?.issues[0]).toMatchObject({ path: ['ends_on'], message: 'national:errors.endBeforeStart' })
    expect(
      milestoneSchema.safeParse({ ...base, kind: 'party', starts_on: '2023-07-01' }).error?.issues[0]?.message,
    ).toBe('national:errors.choose')
  })

  it('checks a new province: slug, two-digit BPS code, a known time zone, capped lengths', () => {
    const ok = {
      name: 'Kalimantan Timur',
      slug: 'KalTim',
      bps_code: '64',
      time_zone: 'Asia/Makassar',
      admin_name: 'Rina',
      admin_email: 'rina@example.id',
    }
    expect(provinceOnboardSchema.parse(ok).slug).toBe('kaltim')
    const bad = provinceOnboardSchema.safeParse({
      ...ok,
      slug: '9lives',
      bps_code: '640',
      time_zone: 'Asia/Tokyo',
      name: 'x'.repeat(121),
    })
    const messages = Object.fromEntries((bad.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]))
    expect(messages).toEqual({
      slug: 'national:errors.slug',
      bps_code: 'national:errors.bpsCode',
      time_zone: 'national:errors.choose',
      name: 'national:errors.tooLong',
    })
  })
})
