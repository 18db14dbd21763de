import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { queueDeadlineMessages } from '#app/modules/messaging/deadline-messages.server.ts'
import { deliverPendingMessages } from '#app/modules/messaging/delivery.server.ts'
import { createGateway } from '#app/modules/messaging/gateway.server.ts'
import { CODE_MAX_ATTEMPTS, CODE_TTL_MS, MAX_ATTEMPTS, RATE_PER_HOUR } from '#app/modules/messaging/messaging-rules.ts'
import { queueMessage } from '#app/modules/messaging/outbox.server.ts'
import { decideScreening } from '#app/modules/screening/screening.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { seedConsentNotices } from '#db/seed/consent.ts'
import { createApplicant } from '#tests/factories/accounts.ts'
import { createApplication, startDraft } from '#tests/factories/applications.ts'
import { createDemoDatabase, type ProvinceFixture, provinceFixture } from '#tests/factories/demo.ts'
import { createSubmitted } from '#tests/factories/screening.ts'
import { signedIn } from '#tests/factories/session.ts'
import { createVenture } from '#tests/factories/ventures.ts'
import {
  accepted,
  forgedCallback,
  newNonce,
  PROVIDER_TOKEN,
  providerRequests,
  rejectedTemplate,
  SMS_URL,
  serverErrorThenAccepted,
  signedCallback,
  timeout,
  WEBHOOK_SECRET,
  WHATSAPP_URL,
} from '#tests/mocks/messaging-provider.ts'
import { mockServer } from '#tests/mocks/network.ts'
import { postForm, postJson, request } from '#tests/support/render.ts'
import type { TestDatabase } from '#tests/support/test-database.ts'

// WhatsApp and SMS (issue 17) through the built app on real PostgreSQL, against the
// mocked provider (tests/mocks/messaging-provider.ts): opting in with a code from the
// account page, wrong and expired codes, STOP, delivery with retries, SMS fallback and
// idempotency keys, signed delivery reports (good, forged, replayed, stale), inbound
// STATUS that reads only the sender's own applications, and the demo's masked log.

let t: TestDatabase
let now = new Date()
let kalbar: ProvinceFixture
let sulsel: ProvinceFixture
const messaging = { secret: WEBHOOK_SECRET, smsFallback: true }
const silent = { info: () => {} }
const both = { whatsapp: { url: WHATSAPP_URL, token: PROVIDER_TOKEN }, sms: { url: SMS_URL, token: PROVIDER_TOKEN } }

const owner = <T>(fn: (db: DB) => Promise<T>) => t.asOwner(fn)
const messagesTo = (userId: string) =>
  owner((db) =>
    db
      .selectFrom('message_outbox')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  )
const contactOf = (userId: string) =>
  owner((db) => db.selectFrom('messaging_contacts').selectAll().where('user_id', '=', userId).executeTakeFirst())
const lastCode = async (userId: string) => {
  const codes = (await messagesTo(userId)).filter((m) => m.template === 'phoneCode')
  return /\b(\d{6})\b/.exec(codes.at(-1)?.body_text ?? '')?.[1] ?? ''
}
const account = (fields: Record<string, string>, cookie: { Cookie: string }, at = now) =>
  postForm('/account', fields, { db: t.db, headers: cookie, now: at })
const inbound = (from: string, text: string) => {
  // One second apart, so replies keep their order in the outbox.
  now = new Date(now.getTime() + 1000)
  const at = now
  const body = JSON.stringify({ id: `in-${newNonce()}`, from, text, channel: 'whatsapp' })
  return postJson('/webhooks/messaging/inbound', body, signedCallback(body, at), { db: t.db, now: at, messaging })
}

/** An applicant of the province with a phone verified through the account page. */
async function optedIn(province: ProvinceFixture, email: string, phone: string): Promise<string> {
  const id = await createApplicant(t.db, province.province.id, { email, name: email.split('@')[0] ?? 'x' })
  const cookie = await signedIn(t.db, email)
  expect((await account({ intent: 'phone-code', phone }, cookie)).status).toBe(200)
  expect((await account({ intent: 'phone-verify', code: await lastCode(id) }, cookie)).status).toBe(200)
  return id
}

beforeAll(async () => {
  t = await createDemoDatabase(now)
  kalbar = await owner((db) => provinceFixture(db, 'kalbar'))
  sulsel = await owner((db) => provinceFixture(db, 'sulsel'))
})
afterAll(() => t.close())
beforeEach(async () => {
  providerRequests.length = 0
  now = new Date()
  // Each test delivers only its own messages: earlier tests' leftovers are out of the way.
  await owner((db) =>
    db.updateTable('message_outbox').set({ status: 'logged' }).where('status', '=', 'queued').execute(),
  )
})

describe('opting in from the account page', () => {
  it('sends a code over the channel, refuses a wrong one, and opts in with the right one', async () => {
    const id = await createApplicant(t.db, kalbar.province.id, { email: 'optin@example.id', name: 'Optin' })
    const cookie = await signedIn(t.db, 'optin@example.id')
    const sent = await account({ intent: 'phone-code', phone: '0812-3456-7001' }, cookie)
    expect(sent.status).toBe(200)
    const contact = await contactOf(id)
    expect(contact).toMatchObject({ phone: '+6281234567001', status: 'pending', verified_at: null, code_attempts: 0 })
    const code = await lastCode(id)
    expect(code).toMatch(/^\d{6}$/)
    // Only a hash is kept, and it is not the code's plain SHA-256.
    expect(contact?.code_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(contact)).not.toContain(code)
    const [message] = await messagesTo(id)
    expect(message).toMatchObject({ to_phone: '+6281234567001', template: 'phoneCode', status: 'queued' })

    const wrong = code === '000000' ? '111111' : '000000'
    const refused = await account({ intent: 'phone-verify', code: wrong }, cookie)
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('Kode itu tidak tepat')
    expect((await contactOf(id))?.code_attempts).toBe(1)

    const ok = await account({ intent: 'phone-verify', code }, cookie)
    expect(ok.status).toBe(200)
    expect(await contactOf(id)).toMatchObject({ status: 'active', code_hash: null })
    const page = await request('/account', { db: t.db, headers: cookie, now })
    expect(await page.text()).toContain('Pesan dikirim ke +6281234567001')
  })

  it('voids a code after the allowed wrong attempts and when it expires; bad input is a localised 400', async () => {
    const id = await createApplicant(t.db, kalbar.province.id, { email: 'guess@example.id', name: 'Guess' })
    const cookie = await signedIn(t.db, 'guess@example.id')
    expect((await account({ intent: 'phone-code', phone: 'not a number' }, cookie)).status).toBe(400)
    expect((await account({ intent: 'phone-code', phone: '+62 812 3456 7002' }, cookie)).status).toBe(200)
    const code = await lastCode(id)
    const wrong = code === '000000' ? '111111' : '000000'
    for (let i = 0; i < CODE_MAX_ATTEMPTS; i++) await account({ intent: 'phone-verify', code: wrong }, cookie)
    const late = await account({ intent: 'phone-verify', code }, cookie)
    expect(late.status).toBe(400)
    expect(await late.text()).toContain('Terlalu banyak kode yang salah')
    expect((await contactOf(id))?.status).toBe('pending')

    // A fresh code, entered after it expired.
    expect((await account({ intent: 'phone-code', phone: '+62 812 3456 7002' }, cookie)).status).toBe(200)
    const expired = await account(
      { intent: 'phone-verify', code: await lastCode(id) },
      cookie,
      new Date(now.getTime() + CODE_TTL_MS + 1000),
    )
    expect(expired.status).toBe(400)
    expect(await expired.text()).toContain('Kode sudah kedaluwarsa')
    expect((await account({ intent: 'phone-verify', code: '12ab' }, cookie)).status).toBe(400)
  })

  it('refuses a number another account verified, and stops from the account page', async () => {
    await optedIn(kalbar, 'first@example.id', '081234567003')
    const id = await createApplicant(t.db, kalbar.province.id, { email: 'second@example.id', name: 'Second' })
    const cookie = await signedIn(t.db, 'second@example.id')
    const taken = await account({ intent: 'phone-code', phone: '081234567003' }, cookie)
    expect(taken.status).toBe(400)
    expect(await taken.text()).toContain('sudah dipakai akun lain')
    await optedIn(kalbar, 'third@example.id', '081234567004')
    const third = await signedIn(t.db, 'third@example.id')
    expect((await account({ intent: 'phone-stop' }, third)).status).toBe(200)
    const thirdId = (
      await owner((db) =>
        db.selectFrom('users').select('id').where('email', '=', 'third@example.id').executeTakeFirstOrThrow(),
      )
    ).id
    expect(await contactOf(thirdId)).toMatchObject({ status: 'stopped', stopped_via: 'account' })
    expect(
      await withTenant(t.db, { identity: true }, (trx) =>
        queueMessage(trx, { userId: thirdId, template: 'emailVerified', now }),
      ),
    ).toBeNull()
    expect(await contactOf(id)).toBeUndefined()
  })
})

describe('delivery through the provider', () => {
  it('sends with an idempotency key per message and channel; a 5xx is retried with the same key', async () => {
    const id = await optedIn(kalbar, 'retry@example.id', '081234567010')
    mockServer.use(serverErrorThenAccepted('whatsapp'))
    const gateway = createGateway(both)
    const first = await deliverPendingMessages(t.db, gateway, silent, now)
    expect(first).toMatchObject({ sent: 0, deferred: 1 })
    const [waiting] = await messagesTo(id)
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, channel: 'whatsapp' })
    expect(waiting?.next_attempt_at.getTime()).toBeGreaterThan(now.getTime())
    // Not due yet: nothing is sent before the backoff has passed.
    expect((await deliverPendingMessages(t.db, gateway, silent, now)).sent).toBe(0)
    const later = new Date(now.getTime() + 60_000)
    expect((await deliverPendingMessages(t.db, gateway, silent, later)).sent).toBe(1)
    const [sent] = await messagesTo(id)
    expect(sent).toMatchObject({ status: 'sent', provider_id: `whatsapp-${sent?.id}` })
    // The provider got the code; the outbox keeps the message without it.
    expect(providerRequests[1]?.body.text).toMatch(/\b\d{6}\b/)
    expect(sent?.body_text).not.toMatch(/\d{6}/)
    expect(sent?.body_text).toContain('••••••')
    expect(providerRequests.map((r) => r.idempotencyKey)).toEqual([`${sent?.id}:whatsapp`, `${sent?.id}:whatsapp`])
    expect(providerRequests[0]?.authorization).toBe(`Bearer ${PROVIDER_TOKEN}`)
    expect(providerRequests[0]?.body).toMatchObject({ to: '+6281234567010', template: 'phoneCode', locale: 'id' })
  })

  it('falls back to SMS when WhatsApp rejects the template, and fails without a fallback', async () => {
    const id = await optedIn(kalbar, 'fallback@example.id', '081234567011')
    mockServer.use(rejectedTemplate('whatsapp'), accepted('sms'))
    await deliverPendingMessages(t.db, createGateway(both), silent, now)
    const [afterReject] = await messagesTo(id)
    expect(afterReject).toMatchObject({ status: 'queued', channel: 'sms', attempts: 0 })
    expect(afterReject?.last_error).toContain('template_rejected')
    await deliverPendingMessages(t.db, createGateway(both), silent, now)
    const [viaSms] = await messagesTo(id)
    expect(viaSms).toMatchObject({ status: 'sent', channel: 'sms', provider_id: `sms-${viaSms?.id}` })
    expect(providerRequests.map((r) => [r.channel, r.idempotencyKey])).toEqual([
      ['whatsapp', `${viaSms?.id}:whatsapp`],
      ['sms', `${viaSms?.id}:sms`],
    ])

    const alone = await optedIn(kalbar, 'nofallback@example.id', '081234567012')
    mockServer.use(rejectedTemplate('whatsapp'))
    await deliverPendingMessages(t.db, createGateway({ ...both, sms: null }), silent, now)
    expect((await messagesTo(alone))[0]).toMatchObject({ status: 'failed', channel: 'whatsapp' })
  })

  it('treats a timeout like a 5xx, and a channel that keeps failing as failed for good', async () => {
    const id = await optedIn(kalbar, 'timeout@example.id', '081234567013')
    mockServer.use(timeout('whatsapp'), timeout('sms'))
    const gateway = createGateway(both, 50)
    let at = now
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await deliverPendingMessages(t.db, gateway, silent, at)
      at = new Date(at.getTime() + 2 * 60 * 60 * 1000)
    }
    const [onSms] = await messagesTo(id)
    expect(onSms).toMatchObject({ status: 'queued', channel: 'sms', attempts: 0 })
    expect(onSms?.last_error).toContain('timeout')
  })

  it('keeps a user under the hourly limit: the message past it waits for a free slot', async () => {
    const id = await optedIn(kalbar, 'limit@example.id', '081234567015')
    await withTenant(t.db, { identity: true }, async (trx) => {
      for (let i = 0; i < RATE_PER_HOUR; i++) await queueMessage(trx, { userId: id, template: 'emailVerified', now })
    })
    mockServer.use(accepted('whatsapp'))
    // The code and RATE_PER_HOUR more: the limit sends RATE_PER_HOUR, the last waits an hour.
    const tally = await deliverPendingMessages(t.db, createGateway(both), silent, now)
    expect(tally).toMatchObject({ sent: RATE_PER_HOUR, deferred: 1 })
    const waiting = (await messagesTo(id)).filter((m) => m.status === 'queued')
    expect(waiting).toHaveLength(1)
    expect(waiting[0]?.next_attempt_at.getTime()).toBe(now.getTime() + 60 * 60 * 1000)
  })

  it('logs a message with its number masked when no provider is configured', async () => {
    const id = await optedIn(kalbar, 'demo@example.id', '081234567014')
    const lines: string[] = []
    await deliverPendingMessages(
      t.db,
      null,
      { info: (details, text) => lines.push(JSON.stringify({ details, text })) },
      now,
    )
    const [logged] = await messagesTo(id)
    expect(logged).toMatchObject({ status: 'logged' })
    const line = lines.find((l) => l.includes(logged?.id ?? '?')) ?? ''
    expect(line).toContain('+62••••••••014')
    expect(line).not.toContain('81234567014')
    expect(providerRequests).toEqual([])
    const page = await request('/dev/messages', { db: t.db, now, devMessages: true })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('+62••••••••014')
    expect(html).not.toContain('81234567014')
  })
})

describe('delivery reports', () => {
  it('accepts signed reports, and answers 401 to forged, replayed and stale ones without changing anything', async () => {
    const id = await optedIn(kalbar, 'report@example.id', '081234567020')
    mockServer.use(accepted('whatsapp'))
    await deliverPendingMessages(t.db, createGateway(both), silent, now)
    const [sent] = await messagesTo(id)
    const body = JSON.stringify({ id: sent?.provider_id, reference: sent?.id, status: 'delivered' })
    const report = (headers: Record<string, string>, payload = body) =>
      postJson('/webhooks/messaging/status', payload, headers, { db: t.db, now, messaging })

    expect((await report(forgedCallback(body, now))).status).toBe(401)
    const stale = new Date(now.getTime() - 10 * 60 * 1000)
    expect((await report(signedCallback(body, stale))).status).toBe(401)
    expect((await report({})).status).toBe(401)
    const tampered = signedCallback(body, now)
    expect((await report(tampered, body.replace('delivered', 'failed'))).status).toBe(401)
    expect((await messagesTo(id))[0]?.status).toBe('sent')

    const genuine = signedCallback(body, now)
    const ok = await report(genuine)
    expect(ok.status).toBe(200)
    expect((await messagesTo(id))[0]).toMatchObject({ status: 'delivered' })
    expect((await report(genuine)).status).toBe(401)
    // No secret configured: every report is refused.
    const unconfigured = await postJson('/webhooks/messaging/status', body, signedCallback(body, now), {
      db: t.db,
      now,
    })
    expect(unconfigured.status).toBe(401)
    // Genuine but unreadable: 400.
    const junk = '{"status":"lost"}'
    expect((await report(signedCallback(junk, now), junk)).status).toBe(400)
    // A late "sent" never overwrites "delivered".
    const late = JSON.stringify({ id: sent?.provider_id, status: 'sent' })
    expect((await report(signedCallback(late, now), late)).status).toBe(200)
    expect((await messagesTo(id))[0]?.status).toBe('delivered')
  })

  it('a WhatsApp failure report moves the message to SMS', async () => {
    const id = await optedIn(kalbar, 'failreport@example.id', '081234567021')
    mockServer.use(accepted('whatsapp'))
    await deliverPendingMessages(t.db, createGateway(both), silent, now)
    const [sent] = await messagesTo(id)
    const body = JSON.stringify({ id: sent?.provider_id, status: 'failed', error: 'not on WhatsApp' })
    const res = await postJson('/webhooks/messaging/status', body, signedCallback(body, now), {
      db: t.db,
      now,
      messaging,
    })
    expect(res.status).toBe(200)
    expect((await messagesTo(id))[0]).toMatchObject({ status: 'queued', channel: 'sms', provider_id: null })
  })
})

describe('inbound messages', () => {
  it('answers STATUS with the sender’s own applications only, never another person’s or province’s', async () => {
    const mine = await createSubmitted(t.db, {
      province: kalbar.province.id,
      edition: kalbar.editionId,
      call: kalbar.callId,
      issue: kalbar.issues[0]?.id ?? '',
      email: 'status.mine@example.id',
      applicant: 'Mine',
      venture: 'Koperasi Milikku',
      receipt: 'WNR-2099-KALBAR-9001',
      submittedAt: now,
    })
    await createSubmitted(t.db, {
      province: kalbar.province.id,
      edition: kalbar.editionId,
      call: kalbar.callId,
      issue: kalbar.issues[0]?.id ?? '',
      email: 'status.other@example.id',
      applicant: 'Other',
      venture: 'Usaha Orang Lain',
      receipt: 'WNR-2099-KALBAR-9002',
      submittedAt: now,
    })
    await createSubmitted(t.db, {
      province: sulsel.province.id,
      edition: sulsel.editionId,
      call: sulsel.callId,
      issue: sulsel.issues[0]?.id ?? '',
      email: 'status.sulsel@example.id',
      applicant: 'Sulsel',
      venture: 'Usaha Sulsel',
      receipt: 'WNR-2099-SULSEL-9003',
      submittedAt: now,
    })
    const cookie = await signedIn(t.db, 'status.mine@example.id')
    await account({ intent: 'phone-code', phone: '081234567030' }, cookie)
    await account({ intent: 'phone-verify', code: await lastCode(mine.applicantId) }, cookie)
    const replies = async () => (await messagesTo(mine.applicantId)).filter((m) => m.template !== 'phoneCode')

    expect((await inbound('+6281234567030', 'status')).status).toBe(200)
    const [own] = await replies()
    expect(own?.template).toBe('statusReply')
    expect(own?.body_text).toContain('WNR-2099-KALBAR-9001')
    expect(own?.body_text).toContain('Koperasi Milikku')
    expect(own?.body_text).not.toContain('9002')

    for (const receipt of ['WNR-2099-KALBAR-9002', 'WNR-2099-SULSEL-9003']) {
      await inbound('+6281234567030', `STATUS ${receipt}`)
      const last = (await replies()).at(-1)
      expect(last?.template).toBe('statusUnknownReceipt')
      expect(last?.body_text).not.toMatch(/Usaha Orang Lain|Usaha Sulsel|Other|Sulsel:/)
    }
    await inbound('+6281234567030', 'STATUS wnr-2099-kalbar-9001')
    expect((await replies()).at(-1)?.template).toBe('statusReply')
  })

  it('answers anything else with the province help desk, ignores unknown numbers and stops on STOP', async () => {
    await owner((db) =>
      withTenant(db, { provinceId: kalbar.province.id }, (trx) =>
        trx
          .updateTable('calls')
          .set({ helpdesk_whatsapp: '0811-5550-123', helpdesk_email: 'bantuan@kalbar.example.id' })
          .where('province_id', '=', kalbar.province.id)
          .where('id', '=', kalbar.callId)
          .execute(),
      ),
    )
    const id = await optedIn(kalbar, 'help@example.id', '081234567031')
    await inbound('081234567031', 'halo, bagaimana cara daftar?')
    const help = (await messagesTo(id)).at(-1)
    expect(help?.template).toBe('help')
    expect(help?.body_text).toContain('0811-5550-123')
    expect(help?.body_text).toContain('bantuan@kalbar.example.id')

    const before = await owner((db) =>
      db
        .selectFrom('message_outbox')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    )
    expect((await inbound('+6289999999999', 'STATUS')).status).toBe(200)
    const after = await owner((db) =>
      db
        .selectFrom('message_outbox')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    )
    expect(after.n).toBe(before.n)

    await inbound('+6281234567031', 'STOP')
    expect(await contactOf(id)).toMatchObject({ status: 'stopped', stopped_via: 'reply' })
    expect((await messagesTo(id)).at(-1)?.template).toBe('optedOut')
    const count = (await messagesTo(id)).length
    await inbound('+6281234567031', 'STATUS')
    expect((await messagesTo(id)).length).toBe(count)
  })

  it('answers 401 to a forged inbound message', async () => {
    const body = JSON.stringify({ id: 'in-forged', from: '+6281234567031', text: 'STATUS' })
    const res = await postJson('/webhooks/messaging/inbound', body, forgedCallback(body, now), {
      db: t.db,
      now,
      messaging,
    })
    expect(res.status).toBe(401)
  })
})

describe('messages other modules cause', () => {
  it('an opted-in applicant who submits gets the receipt on WhatsApp (issue 17, done when)', async () => {
    await owner((db) => seedConsentNotices(db))
    const id = await optedIn(kalbar, 'receipt@example.id', '081234567060')
    await createVenture(t.db, kalbar.province.id, id, {
      name: 'Usaha Tanda Terima',
      legal_form: 'koperasi',
      stage: 'idea',
      members: [],
    })
    const cookie = await signedIn(t.db, 'receipt@example.id')
    const draft = await startDraft(t.db, cookie, kalbar.issues[0]?.id ?? '', { now })
    await owner((db) =>
      withTenant(db, { provinceId: kalbar.province.id }, async (trx) => {
        await trx
          .updateTable('applications')
          .set({
            problem: 'Anak putus sekolah.',
            solution: 'Kelas daring murah.',
            novelty: 'Guru relawan lokal.',
            beneficiaries: 'Anak usia sekolah.',
            beneficiaries_count: 1200,
            business_model: 'Langganan sekolah.',
            revenue: 'Iuran dan CSR.',
            impact: 'Angka putus sekolah turun.',
            collaboration_opd: 'Data Dinas Pendidikan.',
            collaboration_private: 'Operator seluler.',
            budget: 'Rp150 juta.',
            funding_so_far: 'Dana sendiri.',
          })
          .where('id', '=', draft)
          .execute()
        for (const position of [1, 2]) {
          await trx
            .insertInto('application_indicators')
            .values({
              province_id: kalbar.province.id,
              application_id: draft,
              name: `Indikator ${position}`,
              baseline: '10',
              target: '5',
              unit: '%',
              position,
            })
            .execute()
        }
      }),
    )
    const submitted = await postForm(
      `/p/kalbar/apply/${draft}/submit`,
      { consent: 'on', consent_version: '1', application: draft },
      { db: t.db, headers: cookie, now },
    )
    expect(submitted.status).toBe(302)
    mockServer.use(accepted('whatsapp'))
    await deliverPendingMessages(t.db, createGateway(both), silent, now)
    const receipt = providerRequests.find((r) => r.body.template === 'applicationSubmitted')
    expect(receipt?.channel).toBe('whatsapp')
    expect(receipt?.body.to).toBe('+6281234567060')
    expect(receipt?.body.text).toMatch(/Nomor tanda terima: WNR-\d{4}-KALBAR-\d{4}/)
    const [row] = (await messagesTo(id)).filter((m) => m.template === 'applicationSubmitted')
    expect(row).toMatchObject({ status: 'sent', channel: 'whatsapp' })
  })

  it('a screening decision messages an opted-in applicant in the same transaction, nobody else', async () => {
    const app = await createSubmitted(t.db, {
      province: kalbar.province.id,
      edition: kalbar.editionId,
      call: kalbar.callId,
      issue: kalbar.issues[0]?.id ?? '',
      email: 'screened@example.id',
      applicant: 'Screened',
      venture: 'Usaha Disaring',
      receipt: 'WNR-2099-KALBAR-9010',
      submittedAt: now,
    })
    const quiet = await createSubmitted(t.db, {
      province: kalbar.province.id,
      edition: kalbar.editionId,
      call: kalbar.callId,
      issue: kalbar.issues[0]?.id ?? '',
      email: 'quiet@example.id',
      applicant: 'Quiet',
      venture: 'Usaha Diam',
      receipt: 'WNR-2099-KALBAR-9011',
      submittedAt: now,
    })
    const cookie = await signedIn(t.db, 'screened@example.id')
    await account({ intent: 'phone-code', phone: '081234567050' }, cookie)
    await account({ intent: 'phone-verify', code: await lastCode(app.applicantId) }, cookie)
    const admin = await owner((db) =>
      db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'bappeda.kalbar@demo.winner.id')
        .executeTakeFirstOrThrow(),
    )
    const province = { id: kalbar.province.id, slug: 'kalbar', name: 'Kalimantan Barat', time_zone: 'Asia/Pontianak' }
    const actor = { userId: admin.id, ip: null, now, origin: 'http://localhost' }
    for (const id of [app.id, quiet.id]) {
      await decideScreening(t.db, province, actor, id, { decision: 'ineligible', reason: 'duplicate', note: '' })
    }
    const [message] = (await messagesTo(app.applicantId)).filter((m) => m.template === 'screeningIneligible')
    expect(message?.body_text).toContain('WNR-2099-KALBAR-9010')
    expect(await messagesTo(quiet.applicantId)).toEqual([])
  })

  it('the deadline sweep writes one message per draft with sections missing, to opted-in applicants only', async () => {
    const id = await optedIn(kalbar, 'deadline@example.id', '081234567040')
    const venture = await createVenture(t.db, kalbar.province.id, id, {
      name: 'Draf Tenggat',
      legal_form: 'koperasi',
      stage: 'idea',
      members: [],
    })
    await createApplication(t.db, {
      province_id: kalbar.province.id,
      edition_id: kalbar.editionId,
      call_id: kalbar.callId,
      applicant_id: id,
      venture_id: venture,
      issue_id: kalbar.issues[0]?.id ?? '',
      problem: 'Baru sebagian',
    })
    const closes = new Date(kalbar.callWindow.closesAt)
    const sweepAt = new Date(closes.getTime() - 24 * 60 * 60 * 1000)
    await queueDeadlineMessages(t.db, sweepAt)
    await queueDeadlineMessages(t.db, new Date(sweepAt.getTime() + 60 * 60 * 1000))
    const reminders = (await messagesTo(id)).filter((m) => m.template === 'deadlineSoon')
    expect(reminders).toHaveLength(1)
    expect(reminders[0]?.body_text).toContain('Kalimantan Barat')
  })
})
