import type { Trx } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import type { MessageChannel } from '#db/schema.ts'
import { runTransaction } from '#db/transaction-scope.ts'
import type { Gateway, SendResult } from './gateway.server.ts'
import { lockDueMessages, sentTimes, updateMessage } from './messaging.queries.server.ts'
import { backoffMs, DAY_MS, MAX_ATTEMPTS, nextSlot } from './messaging-rules.ts'
import { maskPhone } from './phone.ts'

/** Where messages go when no provider is configured: a pino logger (numbers masked). */
export interface MessageLog {
  info(details: Record<string, unknown>, message: string): void
}

/**
 * Sends the due messages of the outbox (pg-boss job `message-deliver`, app/server/jobs.ts).
 * Rows are locked with SKIP LOCKED like mail; a user over the rate limit waits for a free
 * slot; a transient failure is retried with backoff; a WhatsApp message that fails for
 * good (rejected, or MAX_ATTEMPTS transient failures) falls back to SMS when SMS is
 * configured. Without a gateway each message is logged with its number masked and marked
 * `logged` (the demo; /dev/messages shows them).
 */
export async function deliverPendingMessages(
  db: DB,
  gateway: Gateway | null,
  log: MessageLog,
  now: Date,
  limit = 20,
): Promise<{ sent: number; failed: number; deferred: number }> {
  return runTransaction(db, async (trx) => {
    const due = await lockDueMessages(trx, now, limit)
    const tally = { sent: 0, failed: 0, deferred: 0 }
    for (const m of due) {
      const slot = nextSlot(await sentTimes(trx, m.user_id, new Date(now.getTime() - DAY_MS)), now)
      if (slot > now) {
        await updateMessage(trx, m.id, { next_attempt_at: slot })
        tally.deferred++
        continue
      }
      if (!gateway) {
        log.info(
          { message: m.id, to: maskPhone(m.to_phone), template: m.template, locale: m.locale, text: m.body_text },
          'message logged (no WhatsApp or SMS provider configured)',
        )
        await updateMessage(trx, m.id, { status: 'logged', sent_at: now, attempts: m.attempts + 1 })
        tally.sent++
        continue
      }
      const channel: MessageChannel = gateway.channels.includes(m.channel) ? m.channel : 'sms'
      const result: SendResult = await gateway.send(channel, {
        id: m.id,
        to: m.to_phone,
        template: m.template,
        locale: m.locale,
        text: m.body_text,
      })
      const attempts = m.attempts + 1
      if (result.kind === 'accepted') {
        await updateMessage(trx, m.id, {
          status: 'sent',
          channel,
          provider_id: result.providerId,
          attempts,
          sent_at: now,
          last_error: null,
          // Once the provider has it, the one-time code has no business staying readable here.
          ...(m.template === 'phoneCode' ? { body_text: m.body_text.replace(/\b\d{6}\b/g, '••••••') } : {}),
        })
        tally.sent++
      } else if (result.kind === 'transient' && attempts < MAX_ATTEMPTS) {
        await updateMessage(trx, m.id, {
          channel,
          attempts,
          last_error: result.error.slice(0, 1000),
          next_attempt_at: new Date(now.getTime() + backoffMs(attempts)),
        })
        tally.deferred++
      } else {
        await failPermanently(trx, gateway, { id: m.id, channel }, result.error, now)
        tally.failed++
      }
    }
    return tally
  })
}

/**
 * A message failed for good on its channel: a WhatsApp message starts again on SMS when
 * SMS is configured (fresh attempts, its own idempotency key), otherwise it is `failed`.
 */
export async function failPermanently(
  trx: Trx,
  gateway: Pick<Gateway, 'channels'> | null,
  m: { id: string; channel: MessageChannel },
  error: string,
  now: Date,
): Promise<'fallback' | 'failed'> {
  if (m.channel === 'whatsapp' && gateway?.channels.includes('sms')) {
    await updateMessage(trx, m.id, {
      status: 'queued',
      channel: 'sms',
      attempts: 0,
      provider_id: null,
      next_attempt_at: now,
      last_error: error.slice(0, 1000),
    })
    return 'fallback'
  }
  await updateMessage(trx, m.id, { status: 'failed', failed_at: now, last_error: error.slice(0, 1000) })
  return 'failed'
}
