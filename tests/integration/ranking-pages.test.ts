import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RANKING_PAGE_SIZE } from '#app/modules/selection/ranking.server.ts'
import { createDemoDatabase, type ProvinceFixture, provinceFixture } from '#tests/factories/demo.ts'
import { addReview, createApplicationInReview, createMember } from '#tests/factories/selection.ts'
import { signedIn } from '#tests/factories/session.ts'
import { postForm, request } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// The leaderboard in pages (issue 18) through the built app: 120 ranked applications,
// 50 a page, ranks the province's on every page, a tie straddling the boundary of pages 1
// and 2 shown with the same rank on both, a page past the end showing the last one, the
// issue filter kept by the page links, the exports whole, and a finalist chosen from an
// entry that only page 2 of the selection page lists.

const COUNT = 120
let t: TestDatabase
let fx: ProvinceFixture
const who: Record<string, { Cookie: string }> = {}
/** Application ids by position in the ranking, 1-based (ids[0] unused). */
const ids: string[] = ['']
const KALBAR = '/p/kalbar/manage'

/**
 * Position k gets 100 − k/2 (mean method, one review each): ranks equal positions, except
 * position 51, given position 50's total: the two tie at rank 50, one on each side of the
 * boundary of pages 1 and 2, and position 52 ranks 52.
 */
const totalAt = (k: number) => (k === 51 ? 75 : 100 - k / 2)

const get = async (path: string) => {
  const res = await request(path, { db: t.db, headers: who.admin ?? {} })
  return { status: res.status, body: await res.text() }
}
/** The leaderboard's rows on a rendered page: application, rank shown, flags cell. */
function rows(html: string) {
  return [
    ...html.matchAll(
      /<tr data-application="([0-9a-f-]+)"><td data-cell="rank">(\d+)<\/td>[\s\S]*?<td data-cell="flags">([\s\S]*?)<\/td><\/tr>/g,
    ),
  ].map((m) => ({ id: m[1] as string, rank: Number(m[2]), tie: (m[3] as string).includes('>Seri<') }))
}
const caption = (html: string) => html.match(/<caption>([\s\S]*?)<\/caption>/)?.[1]

beforeAll(async () => {
  t = await createDemoDatabase(new Date())
  fx = await t.asOwner((db) => provinceFixture(db, 'kalbar'))
  await t.asOwner(async (db) => {
    await db.deleteFrom('applications').execute()
    await db.updateTable('calls').set({ ranking_method: 'mean' }).where('id', '=', fx.callId).execute()
  })
  const reviewer = await t.asOwner((db) =>
    createMember(db, fx.province.id, 'reviewer', { name: 'Penilai Halaman', opdId: fx.opdId }),
  )
  const [i0, i1] = fx.issues as unknown as [{ id: string }, { id: string }]
  for (let k = 1; k <= COUNT; k++) {
    const app = await t.asOwner((db) =>
      createApplicationInReview(
        db,
        { provinceId: fx.province.id, editionId: fx.editionId, callId: fx.callId },
        {
          venture: `Usaha Halaman ${k}`,
          applicant: `Pendaftar ${k}`,
          // Every third application on the second issue.
          issueId: k % 3 === 0 ? i1.id : i0.id,
          receipt: `WNR-KALBAR-${String(k).padStart(4, '0')}`,
        },
      ),
    )
    ids.push(app.id)
    await t.asOwner((db) =>
      addReview(db, fx.province.id, { applicationId: app.id, reviewerId: reviewer.id, total: totalAt(k) }),
    )
  }
  who.admin = await signedIn(t.db, 'bappeda.kalbar@demo.winner.id')
}, 120_000)
afterAll(() => t.close())

describe('the leaderboard in pages', () => {
  it('shows 50 rows a page with the province ranks, a tie across the page boundary on both pages', async () => {
    expect(RANKING_PAGE_SIZE).toBe(50)
    const first = await get(`${KALBAR}/ranking`)
    expect(first.status).toBe(200)
    const one = rows(first.body)
    expect(one).toHaveLength(50)
    expect(one.slice(0, 49).map((r) => r.rank)).toEqual(Array.from({ length: 49 }, (_, i) => i + 1))
    expect(caption(first.body)).toBe('Baris 1–50 dari 120 dalam peringkat')
    expect(first.body).toContain('Halaman 1 dari 3')
    expect(first.body).toContain(`href="${KALBAR}/ranking?page=2"`)
    expect(first.body).not.toContain('rel="prev"')

    const second = await get(`${KALBAR}/ranking?page=2`)
    const two = rows(second.body)
    expect(two).toHaveLength(50)
    expect(caption(second.body)).toBe('Baris 51–100 dari 120 dalam peringkat')
    // Rank 50 is shared by the last row of page 1 and the first of page 2, both flagged.
    const last = one[49]
    const next = two[0]
    expect([last?.rank, next?.rank]).toEqual([50, 50])
    expect([last?.tie, next?.tie]).toEqual([true, true])
    expect([last?.id, next?.id].sort()).toEqual([ids[50], ids[51]].sort())
    // Then 52 to 100: the tie takes rank 51's place.
    expect(two.slice(1).map((r) => r.rank)).toEqual(Array.from({ length: 49 }, (_, i) => i + 52))
    expect(two.slice(1).map((r) => r.id)).toEqual(ids.slice(52, 101))
    expect(two.slice(1).some((r) => r.tie)).toBe(false)
    expect(second.body).toContain('rel="prev"')
    expect(second.body).toContain('Halaman 2 dari 3')
    // The flag counts are the whole leaderboard's, whatever the page.
    expect(second.body).toContain('Ditandai: 0 dengan perbedaan nilai besar, 2 dengan nilai seri.')
    expect(second.body).toContain('120 pendaftaran dengan penilaian selesai.')
  })

  it('shows the last page for a page past the end, and page 1 for a page that is no number', async () => {
    for (const asked of ['3', '4', '999999']) {
      const { status, body } = await get(`${KALBAR}/ranking?page=${asked}`)
      expect(status).toBe(200)
      const shown = rows(body)
      expect(shown.map((r) => r.rank)).toEqual(Array.from({ length: 20 }, (_, i) => i + 101))
      expect(caption(body)).toBe('Baris 101–120 dari 120 dalam peringkat')
      expect(body).not.toContain('rel="next"')
    }
    for (const asked of ['abc', '-2', '0', '1.5']) {
      expect(rows((await get(`${KALBAR}/ranking?page=${asked}`)).body)[0]?.id).toBe(ids[1])
    }
  })

  it('ranks within an issue and keeps the issue in the page links', async () => {
    const issue = fx.issues[1]?.id ?? ''
    const { body } = await get(`${KALBAR}/ranking?issue=${issue}`)
    // Positions 3, 6, … 120: forty entries, one page, ranked 1 to 40 within the issue.
    const shown = rows(body)
    expect(shown.map((r) => r.id)).toEqual(Array.from({ length: 40 }, (_, i) => ids[3 * (i + 1)]))
    expect(shown.map((r) => r.rank)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
    expect(body).not.toContain('Halaman 1 dari')
    const other = fx.issues[0]?.id ?? ''
    const firstIssue = await get(`${KALBAR}/ranking?issue=${other}&page=2`)
    expect(rows(firstIssue.body)).toHaveLength(30)
    expect(firstIssue.body).toContain(`href="${KALBAR}/ranking?issue=${other}&amp;page=1"`)
  })

  it('answers in English with the same pages', async () => {
    const res = await request(`${KALBAR}/ranking?page=2&lng=en`, { db: t.db, headers: who.admin ?? {} })
    const body = await res.text()
    expect(caption(body)).toBe('Rows 51–100 of 120 in the ranking')
    expect(body).toContain('Page 2 of 3')
    expect(body).toContain('<th scope="col">Reviews complete</th>')
  })

  it('exports every row, not one page', async () => {
    const csv = await get(`${KALBAR}/ranking.csv`)
    expect(csv.status).toBe(200)
    const lines = csv.body.trim().split(/\r\n/)
    expect(lines).toHaveLength(COUNT + 1)
    expect(csv.body).toContain('WNR-KALBAR-0120')
  })

  it('chooses a finalist listed on page 2 of the selection page, and comes back to that page', async () => {
    const sel = `${KALBAR}/selection`
    const page2 = await get(`${sel}?page=2`)
    expect(page2.body).toContain(`data-application="${ids[80]}"`)
    // Without JavaScript the row's form posts to this page's address, page included.
    expect(page2.body).toContain(`action="${sel}?page=2"`)
    expect((await get(sel)).body).not.toContain(`data-application="${ids[80]}"`)
    const post = (fields: Record<string, string>) =>
      postForm(`${sel}?page=2`, fields, { db: t.db, headers: who.admin ?? {} })
    const shortlisted = await post({ intent: 'shortlist', application: ids[80] as string })
    expect(shortlisted.status).toBe(302)
    expect(shortlisted.headers.get('location')).toBe(`${sel}?done=shortlist&page=2`)
    // The shortlist (with the finalist form) lists it on every page.
    const back = await get(`${sel}?done=shortlist&page=2`)
    expect(back.body).toContain(`id="j-${ids[80]}"`)
    expect((await get(sel)).body).toContain(`id="j-${ids[80]}"`)
    const chosen = await post({
      intent: 'finalist',
      application: ids[80] as string,
      justification: 'Dampak sosial terukur dan model usaha yang berkelanjutan.',
    })
    expect(chosen.status).toBe(302)
    const finalists = await t.asOwner((db) =>
      db.selectFrom('selection_entries').select(['application_id', 'stage']).where('call_id', '=', fx.callId).execute(),
    )
    expect(finalists).toEqual([{ application_id: ids[80], stage: 'finalist' }])
    expect((await get(sel)).body.match(/<ol id="finalists">([\s\S]*?)<\/ol>/)?.[1]).toContain('Usaha Halaman 80')
  })
})
