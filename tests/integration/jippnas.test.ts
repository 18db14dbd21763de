import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { runJippnasSync } from '#app/modules/jippnas/sync.server.ts'
import { idempotencyKey, MAX_ATTEMPTS, STUCK_AFTER_MS } from '#app/modules/jippnas/sync-rules.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { createDemoDatabase, type ProvinceFixture, provinceFixture } from '#tests/factories/demo.ts'
import { type Finalist, publishFinalists } from '#tests/factories/mentoring.ts'
import { signedIn } from '#tests/factories/session.ts'
import {
  accepted,
  endpoint,
  jippnasRequests,
  serverError,
  slow,
  timeout,
  validationError,
} from '#tests/mocks/jippnas.ts'
import { mockServer } from '#tests/mocks/network.ts'
import { request } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// JIPPNas records (issue 15) through the built app and the sync against msw: Bappeda
// makes a record from a finalist (prefilled), edits it (the version grows), a province
// sees only its own (another province's id is 404), ministry and ERAT read, the public
// page shows public records only; exports are formula-safe; the sync sends with the
// idempotency key of the version, stops retrying at the limit, fails a refusal at once
// with the remote's message, fails a stuck send, and "retry now" queues it again.

let t: TestDatabase
let kalbar: ProvinceFixture
let sulsel: ProvinceFixture
let K: Finalist[] = []
let S: Finalist[] = []
const who: Record<string, { Cookie: string }> = {}
const now = new Date()
let recordId = ''
let sulselRecordId = ''
let kicks = 0
const configured = { configured: true, kick: () => kicks++ }
const KB = '/p/kalbar/manage/innovations'

const owner = <T>(fn: (db: TestDatabase['db']) => Promise<T>) => t.asOwner(fn)
const get = async (path: string, as?: string, jippnas?: typeof configured) => {
  const res = await request(path, { db: t.db, headers: as ? (who[as] ?? {}) : {}, jippnas })
  return { status: res.status, body: await res.text(), headers: res.headers }
}
const post = async (path: string, body: Record<string, string>, as: string, jippnas?: typeof configured) => {
  const res = await request(path, {
    db: t.db,
    jippnas,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Host: 'localhost',
      Origin: 'http://localhost',
      ...who[as],
    },
    init: { method: 'POST', body: new URLSearchParams(body).toString() },
  })
  return { status: res.status, body: await res.text(), location: res.headers.get('Location') }
}
const syncRow = (id: string) =>
  owner((db) => db.selectFrom('innovation_syncs').selectAll().where('innovation_id', '=', id).executeTakeFirstOrThrow())
const audits = (action: string, id: string) =>
  owner((db) =>
    db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', action)
      .where('object_id', '=', id)
      .execute(),
  )
/** Puts a record's sync back to pending with fresh attempts (as the owner). */
const requeue = (provinceId: string, id: string) =>
  owner((db) =>
    withTenant(db, { provinceId }, (trx) =>
      trx
        .updateTable('innovation_syncs')
        .set({ state: 'pending', attempts: 0, next_attempt_at: now, sending_since: null })
        .where('innovation_id', '=', id)
        .execute(),
    ),
  )
const sync = (at: Date, extra: { timeoutMs?: number } = {}) =>
  runJippnasSync(t.db, endpoint, at, { origin: 'https://winner.test', random: () => 0.5, ...extra })
const form = (fx: ProvinceFixture, extra: Record<string, string> = {}) => ({
  title: 'Air bersih Kapuas',
  summary: 'Koperasi mengelola air bersih desa bersama perangkat daerah.',
  province_issue: fx.issues[0]?.id ?? '',
  venture_name: 'Koperasi Air Kapuas',
  started_on: '2024-03-01',
  status: 'running',
  ...extra,
})

beforeAll(async () => {
  t = await createDemoDatabase(now)
  kalbar = await owner((db) => provinceFixture(db, 'kalbar'))
  sulsel = await owner((db) => provinceFixture(db, 'sulsel'))
  K = await owner((db) => publishFinalists(db, kalbar, ['Koperasi Air Kapuas', 'Bank Sampah Khatulistiwa']))
  S = await owner((db) => publishFinalists(db, sulsel, ['Sekolah Pesisir']))
  who.admin = await signedIn(t.db, 'bappeda.kalbar@demo.winner.id')
  who.otherAdmin = await signedIn(t.db, 'bappeda.sulsel@demo.winner.id')
  who.ministry = await signedIn(t.db, 'ministry@demo.winner.id')
  who.erat = await signedIn(t.db, 'erat@demo.winner.id')
  who.reviewer = await signedIn(t.db, 'reviewer.kalbar@demo.winner.id')
})
afterAll(() => t.close())
beforeEach(() => {
  jippnasRequests.length = 0
})

describe('records', () => {
  it('Bappeda sees its finalists without a record and gets the form prefilled from the application', async () => {
    const list = await get(KB, 'admin')
    expect(list.status).toBe(200)
    expect(list.body).toContain('Catat inovasi Koperasi Air Kapuas')
    expect(list.body).not.toContain('Sekolah Pesisir')
    const page = await get(`${KB}/new/${K[0]?.id}`, 'admin')
    expect(page.status).toBe(200)
    expect(page.body).toContain('value="Koperasi Air Kapuas"')
  })

  it('answers 400 with localised errors and keeps what was typed', async () => {
    const res = await post(`${KB}/new/${K[0]?.id}`, form(kalbar, { title: '' }), 'admin')
    expect(res.status).toBe(400)
    expect(res.body).toContain('Nama inovasi: Wajib diisi.')
    expect(res.body).toContain('Koperasi mengelola air bersih desa')
    const stopped = await post(`${KB}/new/${K[0]?.id}`, form(kalbar, { status: 'stopped' }), 'admin')
    expect(stopped.status).toBe(400)
    expect(stopped.body).toContain('Tuliskan alasan inovasi dihentikan.')
    expect(await owner((db) => db.selectFrom('innovations').select('id').execute())).toHaveLength(0)
  })

  it('makes the record (version 1), queues it, shows "not configured" without JIPPNAS_URL', async () => {
    const res = await post(`${KB}/new/${K[0]?.id}`, form(kalbar, { is_public: 'on' }), 'admin')
    expect(res.status).toBe(302)
    recordId = /innovations\/([0-9a-f-]{36})/.exec(res.location ?? '')?.[1] ?? ''
    expect(recordId).not.toBe('')
    expect((await syncRow(recordId)).state).toBe('pending')
    expect(await audits('innovation.created', recordId)).toHaveLength(1)
    const page = await get(`${KB}/${recordId}`, 'admin')
    expect(page.status).toBe(200)
    expect(page.body).toContain('Belum dikonfigurasi')
    // A second record of the same finalist goes to the first.
    expect((await get(`${KB}/new/${K[0]?.id}`, 'admin')).status).toBe(302)
  })

  it('a province sees its own records only; another province’s id is 404', async () => {
    const res = await post(
      `/p/sulsel/manage/innovations/new/${S[0]?.id}`,
      form(sulsel, { title: 'Sekolah pesisir', venture_name: 'Sekolah Pesisir' }),
      'otherAdmin',
    )
    expect(res.status).toBe(302)
    sulselRecordId = /innovations\/([0-9a-f-]{36})/.exec(res.location ?? '')?.[1] ?? ''
    const list = await get(KB, 'admin')
    expect(list.body).toContain('Air bersih Kapuas')
    expect(list.body).not.toContain('Sekolah pesisir')
    expect((await get(`${KB}/${sulselRecordId}`, 'admin')).status).toBe(404)
    expect((await get(`/p/sulsel/manage/innovations/${recordId}`, 'otherAdmin')).status).toBe(404)
    expect((await get(`${KB}/${recordId}`, 'otherAdmin')).status).toBe(404)
    expect((await post(`${KB}/new/${S[0]?.id}`, form(kalbar), 'admin')).status).toBe(404)
    expect((await get(`${KB}/${recordId}`, 'reviewer')).status).toBe(403)
  })

  it('ministry and ERAT read every province’s records and change none', async () => {
    const national = await get('/national/innovations', 'ministry')
    expect(national.status).toBe(200)
    expect(national.body).toContain('Air bersih Kapuas')
    expect(national.body).toContain('Sekolah pesisir')
    expect((await get(`${KB}/${recordId}`, 'erat')).status).toBe(200)
    expect((await post(`${KB}/${recordId}`, form(kalbar), 'ministry')).status).toBe(403)
  })

  it('a record links to its impact and replications, pages its readers can open', async () => {
    const hrefs = (body: string) => [...body.matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? '')
    const byBappeda = hrefs((await get(`${KB}/${recordId}`, 'admin')).body)
    expect(byBappeda).toContain(`/p/kalbar/impact/${recordId}`)
    expect(byBappeda).toContain('/p/kalbar/replications')
    const byErat = hrefs((await get(`${KB}/${recordId}`, 'erat')).body)
    expect(byErat).toContain(`/national/replications/${recordId}`)
    for (const [path, as] of [
      [`/p/kalbar/impact/${recordId}`, 'admin'],
      ['/p/kalbar/replications', 'admin'],
      [`/p/kalbar/impact/${recordId}`, 'erat'],
      [`/national/replications/${recordId}`, 'erat'],
    ] as const) {
      expect((await get(path, as)).status, `${as} GET ${path}`).toBe(200)
    }
  })

  it('an edit bumps the version and queues it; saving the same values changes nothing', async () => {
    const res = await post(
      `${KB}/${recordId}`,
      { intent: 'save', ...form(kalbar, { is_public: 'on', status: 'continuing' }) },
      'admin',
    )
    expect(res.location).toContain('done=saved')
    const again = await post(
      `${KB}/${recordId}`,
      { intent: 'save', ...form(kalbar, { is_public: 'on', status: 'continuing' }) },
      'admin',
    )
    expect(again.location).toContain('done=unchanged')
    const row = await owner((db) =>
      db.selectFrom('innovations').select('version').where('id', '=', recordId).executeTakeFirstOrThrow(),
    )
    expect(row.version).toBe(2)
    expect((await syncRow(recordId)).version).toBe(2)
  })

  it('the public page shows a public record only', async () => {
    const page = await get(`/innovations/${recordId}`)
    expect(page.status).toBe(200)
    expect(page.body).toContain('Air bersih Kapuas')
    expect(page.body).not.toContain('<script')
    expect((await get(`/innovations/${sulselRecordId}`)).status).toBe(404)
  })
})

describe('exports', () => {
  it('CSV is formula-safe and JSON is the payloads; Bappeda gets its own, national all', async () => {
    await post(
      `${KB}/new/${K[1]?.id}`,
      form(kalbar, { title: '=HYPERLINK("http://x.test")', venture_name: 'Bank Sampah' }),
      'admin',
    )
    const csv = await get(`${KB}.csv`, 'admin')
    expect(csv.status).toBe(200)
    expect(csv.headers.get('Cache-Control')).toContain('no-store')
    expect(csv.body).toContain(`"'=HYPERLINK(""http://x.test"")"`)
    expect(csv.body).not.toContain('Sekolah pesisir')
    const json = JSON.parse((await get(`${KB}.json`, 'admin')).body)
    expect(json.schema).toBe('winner.jippnas.innovation/1')
    expect(json.records).toHaveLength(2)
    const all = JSON.parse((await get('/national/innovations.json', 'ministry')).body)
    expect(all.records).toHaveLength(3)
  })
})

describe('sync', () => {
  it('without an endpoint sends nothing', async () => {
    expect(await runJippnasSync(t.db, null, now, { origin: 'https://winner.test' })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
      stuck: 0,
    })
    expect(jippnasRequests).toHaveLength(0)
  })

  it('retries 5xx with backoff under the same key, and stops at the limit', async () => {
    mockServer.use(serverError())
    let at = new Date(now.getTime() + 1000)
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await sync(at)
      at = new Date(at.getTime() + 2 * 3_600_000)
    }
    const mine = jippnasRequests.filter((r) => r.body.id === recordId)
    expect(mine).toHaveLength(MAX_ATTEMPTS)
    expect(new Set(mine.map((r) => r.idempotencyKey))).toEqual(new Set([idempotencyKey(recordId, 2)]))
    expect(mine[0]?.authorization).toBe(`Bearer ${endpoint.token}`)
    const row = await syncRow(recordId)
    expect(row.state).toBe('failed')
    expect(row.last_message).toBe('Layanan sedang pemeliharaan')
    expect(await audits('innovation.sync_deferred', recordId)).toHaveLength(MAX_ATTEMPTS - 1)
    expect(await audits('innovation.sync_failed', recordId)).toHaveLength(1)
    const page = await get(`${KB}/${recordId}`, 'admin', configured)
    expect(page.body).toContain('Gagal')
    expect(page.body).toContain('Layanan sedang pemeliharaan')
    expect(page.body).toContain('Kirim ulang sekarang')
  })

  it('“retry now” queues the failed version again (same key) and it is sent', async () => {
    expect((await post(`${KB}/${recordId}`, { intent: 'retry' }, 'admin')).status).toBe(409)
    const res = await post(`${KB}/${recordId}`, { intent: 'retry' }, 'admin', configured)
    expect(res.status).toBe(302)
    expect(kicks).toBeGreaterThan(0)
    const row = await syncRow(recordId)
    expect([row.state, row.attempts]).toEqual(['pending', 0])
    mockServer.use(accepted())
    await sync(new Date(now.getTime() + 30 * 3_600_000))
    const sent = jippnasRequests.find((r) => r.body.id === recordId)
    expect(sent?.idempotencyKey).toBe(idempotencyKey(recordId, 2))
    expect(sent?.body.version).toBe(2)
    expect((await syncRow(recordId)).state).toBe('sent')
    expect((await post(`${KB}/${recordId}`, { intent: 'retry' }, 'admin', configured)).status).toBe(409)
  })

  it('a refusal (4xx) fails at once with the remote’s message', async () => {
    await requeue(sulsel.province.id, sulselRecordId)
    mockServer.use(validationError())
    await sync(new Date(now.getTime() + 31 * 3_600_000))
    const row = await syncRow(sulselRecordId)
    expect(row.state).toBe('failed')
    expect(row.attempts).toBe(1)
    expect(row.last_http_status).toBe(422)
    expect(row.last_message).toContain('Kode wilayah tidak dikenal')
  })

  it('a timeout is retried; a slow answer within the timeout is sent', async () => {
    await requeue(sulsel.province.id, sulselRecordId)
    mockServer.use(timeout())
    const at = new Date(now.getTime() + 32 * 3_600_000)
    await sync(at, { timeoutMs: 100 })
    let row = await syncRow(sulselRecordId)
    expect([row.state, row.last_message]).toEqual(['pending', 'winner:timeout'])
    mockServer.use(slow(150))
    await sync(new Date(at.getTime() + 3_600_000), { timeoutMs: 1000 })
    row = await syncRow(sulselRecordId)
    expect(row.state).toBe('sent')
  })

  it('a send stuck without an answer surfaces as failed after the timeout', async () => {
    const since = new Date(now.getTime() + 40 * 3_600_000)
    await owner((db) =>
      withTenant(db, { provinceId: sulsel.province.id }, (trx) =>
        trx
          .updateTable('innovation_syncs')
          .set({ state: 'sending', sending_since: since })
          .where('innovation_id', '=', sulselRecordId)
          .execute(),
      ),
    )
    expect((await sync(new Date(since.getTime() + 60_000))).stuck).toBe(0)
    expect((await sync(new Date(since.getTime() + STUCK_AFTER_MS + 1000))).stuck).toBe(1)
    const row = await syncRow(sulselRecordId)
    expect([row.state, row.last_message, row.sending_since]).toEqual(['failed', 'winner:stuck', null])
    const page = await get(`/p/sulsel/manage/innovations/${sulselRecordId}`, 'otherAdmin', configured)
    expect(page.body).toContain('Pengiriman terhenti tanpa jawaban')
  })
})
