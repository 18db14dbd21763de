import nodemailer from 'nodemailer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deliverPending, MAX_ATTEMPTS } from '#app/modules/notifications/mail-delivery.server.ts'
import { enqueueMail } from '#app/modules/notifications/outbox.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { installJobs, type Jobs, startJobs } from '#app/server/jobs.ts'
import { assumeRuntimeRole, connect, type DbHandle } from '#db/client.ts'
import { type EmbeddedDatabase, startEmbeddedDatabase } from '#db/embedded.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { createDatabase, dropDatabase, testServerUrl, uniqueName } from '#tests/support/databases.ts'

// The outbox delivered by a pg-boss worker through a real nodemailer transport
// (jsonTransport renders the message instead of opening an SMTP connection).
let app: DbHandle
let embedded: EmbeddedDatabase | null = null
let dbName: string | null = null
let jobs: Jobs | undefined
const delivered: { to: string; subject: string; text: string }[] = []

const recordingTransport = () => {
  const inner = nodemailer.createTransport({ jsonTransport: true })
  return {
    async sendMail(message: nodemailer.SendMailOptions) {
      const info = await inner.sendMail(message)
      const json = JSON.parse(String(info.message)) as { to: { address: string }[]; subject: string; text: string }
      delivered.push({ to: json.to[0]?.address ?? '', subject: json.subject, text: json.text })
      return info
    },
  }
}

beforeAll(async () => {
  let url: string
  if (testServerUrl) {
    dbName = uniqueName('winner_mail')
    url = await createDatabase(testServerUrl, dbName)
  } else {
    embedded = await startEmbeddedDatabase(null)
    url = embedded.url
  }
  const owner = connect(url, { max: 1, as: 'owner' })
  await migrateToLatest(owner.db)
  await installJobs(owner)
  await owner.close()
  app = connect(url, { max: embedded ? 1 : 4, as: 'app', persistent: embedded !== null })
  if (embedded) await assumeRuntimeRole(app)
}, 120_000)

afterAll(async () => {
  await jobs?.stop()
  await app?.close()
  await embedded?.stop()
  if (dbName && testServerUrl) await dropDatabase(testServerUrl, dbName)
})

const queue = (to: string) =>
  withTenant(app.db, { identity: true }, (trx) =>
    enqueueMail(trx, {
      to,
      name: 'Rina',
      locale: 'en',
      template: 'resetPassword',
      params: { link: 'https://winner.test/r?token=abc' },
    }),
  )

describe('mail delivery', () => {
  it('a failing SMTP server leaves the mail queued with the error, up to a limit of attempts', async () => {
    const id = await queue('fails@example.id')
    const broken = { sendMail: async () => Promise.reject(new Error('421 try again later')) }
    expect(await deliverPending(app.db, broken, 'WiNNER <no-reply@winner.test>')).toEqual({ sent: 0, failed: 1 })
    const row = await app.db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ sent_at: null, attempts: 1, last_error: '421 try again later' })
    await app.db.updateTable('mail_outbox').set({ attempts: MAX_ATTEMPTS }).where('id', '=', id).execute()
    expect(await deliverPending(app.db, broken, 'x')).toEqual({ sent: 0, failed: 0 })
  })

  it('the pg-boss worker sends mails committed to the outbox, once each', async () => {
    jobs = await startJobs(app, {
      gateway: null,
      messageLog: { info: () => {} },
      jippnas: null,
      transport: recordingTransport(),
      from: 'WiNNER <no-reply@winner.test>',
      origin: 'https://winner.test',
      onError: (error) => {
        throw error
      },
    })
    // The review (issue 7) and mentoring (issue 14) reminder sweeps are scheduled hourly next to the mail sweep.
    const schedules = await app.sql`select name, cron from pgboss.schedule`
    expect(schedules.map((r) => [r.name, r.cron])).toContainEqual(['review-reminders', '0 * * * *'])
    expect(schedules.map((r) => [r.name, r.cron])).toContainEqual(['mentoring-reminders', '30 * * * *'])
    const id = await queue('rina@example.id')
    jobs.kickMail()
    const deadline = Date.now() + 20_000
    let sentAt: Date | null = null
    while (!sentAt && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250))
      const row = await app.db
        .selectFrom('mail_outbox')
        .select('sent_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      sentAt = row.sent_at
    }
    expect(sentAt).not.toBeNull()
    expect(delivered.filter((d) => d.to === 'rina@example.id')).toEqual([
      {
        to: 'rina@example.id',
        subject: 'Reset your WiNNER password',
        text: expect.stringContaining('https://winner.test/r?token=abc'),
      },
    ])
  }, 30_000)

  it('a second kick within the same two seconds still sends its mail within seconds, not at the next minute', async () => {
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))
    const sentAtOf = async (id: string) =>
      (await app.db.selectFrom('mail_outbox').select('sent_at').where('id', '=', id).executeTakeFirstOrThrow()).sent_at
    const slotOf = (ms: number) => Math.floor(ms / 2000) // pg-boss's two-second singleton slots
    // Both kicks must fall in one slot (the case that was dropped), far from a minute boundary
    // so the minute's sweep cannot be what sends the second mail; a slow first pass tries again.
    for (let attempt = 1; ; attempt++) {
      const second = new Date().getSeconds()
      if (second < 2 || second > 35) await pause(((62 - second) % 60) * 1000)
      await pause(2000 - (Date.now() % 2000) + 20)
      const first = await queue(`first${attempt}@example.id`)
      const firstKick = Date.now()
      jobs?.kickMail()
      while (!(await sentAtOf(first)) && Date.now() < firstKick + 10_000) await pause(20)
      expect(await sentAtOf(first)).not.toBeNull()
      // Queued after the first pass sent its mail, and kicked in the same slot as the first kick.
      const later = await queue(`later${attempt}@example.id`)
      const kickedAt = Date.now()
      jobs?.kickMail()
      if (slotOf(kickedAt) !== slotOf(firstKick)) {
        if (attempt === 5) throw new Error('the first pass never finished within its two-second slot')
        while (!(await sentAtOf(later)) && Date.now() < kickedAt + 70_000) await pause(200)
        continue
      }
      while (!(await sentAtOf(later)) && Date.now() < kickedAt + 15_000) await pause(100)
      expect(await sentAtOf(later), 'sent within 15 s of its kick').not.toBeNull()
      return
    }
  }, 240_000)
})
