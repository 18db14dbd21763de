import { describe, expect, it } from 'vitest'
import {
  callPhase,
  datesEditable,
  editionBounds,
  extensionProblem,
  missingItems,
  overlaps,
  windowProblem,
} from '#app/modules/calls/call-rules.ts'
import { callSchema } from '#app/modules/calls/calls.schema.ts'
import { instantToLocal, localToInstant } from '#app/modules/calls/zoned-time.ts'
import { formatDecimal, paragraphs, whatsappLink } from '#app/modules/portal/portal-format.ts'

// The pure rules of calls for applications: ordering, the edition's period, overlap,
// time zones and extensions (no database).

const MAKASSAR = 'Asia/Makassar'
const at = (local: string, tz = MAKASSAR) => localToInstant(local, tz)
const win = (opens: string, closes: string, tz = MAKASSAR) => ({ opensAt: at(opens, tz), closesAt: at(closes, tz) })
// WiNNER 2023: 1 October 2022 – 30 September 2023.
const edition = editionBounds('2022-10-01', '2023-09-30', MAKASSAR)

describe('time zones', () => {
  it('a call closing 20 Feb 2023 23:59 in Makassar (WITA) closes at 15:59 UTC, and back', () => {
    const closes = at('2023-02-20T23:59')
    expect(closes.toISOString()).toBe('2023-02-20T15:59:00.000Z')
    expect(instantToLocal(closes, MAKASSAR)).toBe('2023-02-20T23:59')
  })

  it('the same wall-clock time is a different instant in WIB, WITA and WIT', () => {
    expect(at('2023-02-20T23:59', 'Asia/Pontianak').toISOString()).toBe('2023-02-20T16:59:00.000Z')
    expect(at('2023-02-20T23:59', 'Asia/Jayapura').toISOString()).toBe('2023-02-20T14:59:00.000Z')
  })

  it("an edition covers its first day from 00:00 to its last day's 23:59:59, local time", () => {
    expect(edition.opensAt.toISOString()).toBe('2022-09-30T16:00:00.000Z')
    expect(edition.closesAt.toISOString()).toBe('2023-09-30T15:59:59.000Z')
  })
})

describe('the dates of a call', () => {
  it('closing must come after opening', () => {
    expect(windowProblem(win('2023-02-06T00:00', '2023-02-20T23:59'), edition, [])).toBeNull()
    expect(windowProblem(win('2023-02-20T23:59', '2023-02-06T00:00'), edition, [])).toBe('order')
    expect(windowProblem(win('2023-02-06T00:00', '2023-02-06T00:00'), edition, [])).toBe('order')
  })

  it('must lie inside the edition period, its first and last minute included', () => {
    expect(windowProblem(win('2022-10-01T00:00', '2023-09-30T23:59'), edition, [])).toBeNull()
    expect(windowProblem(win('2022-09-30T23:59', '2023-02-20T23:59'), edition, [])).toBe('outsideEdition')
    expect(windowProblem(win('2023-09-01T00:00', '2023-10-01T00:00'), edition, [])).toBe('outsideEdition')
  })

  it('must not overlap another call of the province; touching ends overlap, the next minute does not', () => {
    const first = win('2023-02-06T00:00', '2023-02-20T23:59')
    expect(overlaps(first, win('2023-02-10T00:00', '2023-03-01T00:00'))).toBe(true)
    expect(overlaps(first, win('2023-01-01T00:00', '2023-03-01T00:00'))).toBe(true)
    expect(overlaps(first, win('2023-02-20T23:59', '2023-03-01T00:00'))).toBe(true)
    expect(overlaps(first, win('2023-02-21T00:00', '2023-03-01T00:00'))).toBe(false)
    expect(windowProblem(win('2023-02-10T00:00', '2023-03-01T00:00'), edition, [first])).toBe('overlap')
    expect(windowProblem(win('2023-03-01T00:00', '2023-03-15T00:00'), edition, [first])).toBeNull()
  })

  it('the form schema refuses closing before opening with a translation key, on the closing field', () => {
    const r = callSchema.safeParse({ opens_at: '2023-02-20T23:59', closes_at: '2023-02-06T00:00', max_applications: 1 })
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]).toMatchObject({ message: 'calls:errors.order', path: ['closes_at'] })
    const bad = callSchema.safeParse({ opens_at: '2023-02-30T10:00', closes_at: '2023-03-01T00:00' })
    expect(bad.error?.issues[0]?.message).toBe('calls:errors.dateTime')
  })

  it('dates stay editable for drafts, and for published calls only until they open', () => {
    const call = { ...win('2023-02-06T00:00', '2023-02-20T23:59'), published: true }
    expect(datesEditable({ ...call, published: false }, at('2023-02-10T00:00'))).toBe(true)
    expect(datesEditable(call, at('2023-02-05T23:59'))).toBe(true)
    expect(datesEditable(call, at('2023-02-06T00:00'))).toBe(false)
    expect(callPhase(call, at('2023-02-20T23:59'))).toBe('open')
    expect(callPhase(call, new Date(at('2023-02-20T23:59').getTime() + 1))).toBe('closed')
  })
})

describe('extending a call', () => {
  const call = { ...win('2023-02-06T00:00', '2023-02-20T23:59'), published: true }
  const now = at('2023-02-15T12:00')

  it('moves the closing later, before the call has closed', () => {
    expect(extensionProblem(call, at('2023-02-27T23:59'), now, edition, [])).toBeNull()
    // The closing minute itself is still open.
    expect(extensionProblem(call, at('2023-02-27T23:59'), at('2023-02-20T23:59'), edition, [])).toBeNull()
  })

  it('is refused after closing, for an earlier or equal closing, past the edition, into another call, or for a draft', () => {
    expect(extensionProblem(call, at('2023-02-27T23:59'), at('2023-02-21T00:00'), edition, [])).toBe('alreadyClosed')
    expect(extensionProblem(call, at('2023-02-20T23:59'), now, edition, [])).toBe('notLater')
    expect(extensionProblem(call, at('2023-02-18T23:59'), now, edition, [])).toBe('notLater')
    expect(extensionProblem(call, at('2023-10-02T00:00'), now, edition, [])).toBe('outsideEdition')
    const next = win('2023-03-01T00:00', '2023-03-15T23:59')
    expect(extensionProblem(call, at('2023-03-02T00:00'), now, edition, [next])).toBe('overlap')
    expect(extensionProblem({ ...call, published: false }, at('2023-02-27T23:59'), now, edition, [])).toBe(
      'notPublished',
    )
  })
})

describe('the opening checklist', () => {
  it('lists what is missing, in order, and nothing once complete', () => {
    expect(missingItems({ publishedIssues: 0, activeOpds: 0, reviewers: 0, calls: 0 })).toEqual([
      'publishedIssue',
      'opd',
      'reviewer',
      'callDates',
    ])
    expect(missingItems({ publishedIssues: 5, activeOpds: 5, reviewers: 0, calls: 1 })).toEqual(['reviewer'])
    expect(missingItems({ publishedIssues: 1, activeOpds: 1, reviewers: 1, calls: 1 })).toEqual([])
  })
})

describe('portal formatting', () => {
  it('writes baseline values digit for digit in each language', () => {
    expect(formatDecimal('27.8', 'id')).toBe('27,8')
    expect(formatDecimal('27.8', 'en')).toBe('27.8')
    expect(formatDecimal('1234567.125', 'id')).toBe('1.234.567,125')
    expect(formatDecimal('-1234', 'en')).toBe('-1,234')
    expect(formatDecimal('123456789012.123456', 'en')).toBe('123,456,789,012.123456')
  })

  it('links WhatsApp numbers in international form and splits texts into paragraphs', () => {
    expect(whatsappLink('0812-3456-7890')).toBe('https://wa.me/6281234567890')
    expect(whatsappLink('+62 812 3456 7890')).toBe('https://wa.me/6281234567890')
    expect(paragraphs('a\nb\n\n\nc\r\n')).toEqual([['a', 'b'], ['c']])
  })
})
