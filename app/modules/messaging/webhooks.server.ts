import { parseWithZod } from '@conform-to/zod'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import type { DB } from '#db/client.ts'
import { failPermanently } from './delivery.server.ts'
import { answerInbound } from './inbound.server.ts'
import { lockMessageForCallback, takeNonce, updateMessage } from './messaging.queries.server.ts'
import { inboundSchema, statusCallbackSchema } from './messaging.schema.ts'
import { advances, REPLAY_WINDOW_S } from './messaging-rules.ts'
import { NONCE_HEADER, SIGNATURE_HEADER, signatureValid, TIMESTAMP_HEADER } from './signature.ts'

// The provider's two callbacks (routes/webhooks.messaging.*.ts): no session, no origin,
// but signed (signature.ts) and fresh. A forged, stale or replayed callback is 401 and
// changes nothing; a genuine one with a body we cannot read is 400.

export interface WebhookSettings {
  secret: string | null
  /** Whether SMS is configured: a WhatsApp message reported failed then falls back to SMS. */
  smsFallback: boolean
}

export interface WebhookAnswer {
  status: 200 | 400 | 401
  body: { ok: boolean; error?: string }
}

const unauthorised: WebhookAnswer = { status: 401, body: { ok: false, error: 'invalid signature' } }
const unreadable: WebhookAnswer = { status: 400, body: { ok: false, error: 'invalid body' } }

/** Checks signature and freshness, then spends the nonce (in its own transaction). */
async function authentic(db: DB, settings: WebhookSettings, request: Request, raw: string, now: Date) {
  const headers = {
    signature: request.headers.get(SIGNATURE_HEADER),
    timestamp: request.headers.get(TIMESTAMP_HEADER),
    nonce: request.headers.get(NONCE_HEADER),
  }
  if (!signatureValid(settings.secret, headers, raw, now) || !headers.nonce) return false
  const nonce = headers.nonce
  return withTenant(db, { identity: true }, (trx) => takeNonce(trx, nonce, now, REPLAY_WINDOW_S))
}

/** The JSON object of a body as form-like entries, for conform's parser (strings only). */
function jsonFields(raw: string): FormData | null {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const form = new FormData()
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') form.set(k, v)
  return form
}

/** A delivery report: moves the message's status forward (sent → delivered, or failed). */
export async function receiveDeliveryReport(
  db: DB,
  settings: WebhookSettings,
  request: Request,
  now: Date,
): Promise<WebhookAnswer> {
  const raw = await request.text()
  if (!(await authentic(db, settings, request, raw, now))) return unauthorised
  const fields = jsonFields(raw)
  const submission = fields ? parseWithZod(fields, { schema: statusCallbackSchema }) : null
  if (submission?.status !== 'success') return unreadable
  const report = submission.value
  await withTenant(db, { identity: true }, async (trx) => {
    const message = await lockMessageForCallback(trx, report.id, report.reference ?? null)
    if (!message || !advances(message.status, report.status)) return
    if (report.status === 'failed') {
      const channels = settings.smsFallback ? { channels: ['whatsapp' as const, 'sms' as const] } : null
      await failPermanently(trx, channels, message, `${message.channel}: ${report.error ?? 'failed'}`, now)
    } else {
      await updateMessage(
        trx,
        message.id,
        report.status === 'delivered' ? { status: 'delivered', delivered_at: now } : { status: 'sent', sent_at: now },
      )
    }
  })
  return { status: 200, body: { ok: true } }
}

/** A message someone sent us: answered through the outbox (inbound.server.ts). */
export async function receiveInbound(
  db: DB,
  settings: WebhookSettings,
  request: Request,
  now: Date,
): Promise<WebhookAnswer & { queued: boolean }> {
  const raw = await request.text()
  if (!(await authentic(db, settings, request, raw, now))) return { ...unauthorised, queued: false }
  const fields = jsonFields(raw)
  const submission = fields ? parseWithZod(fields, { schema: inboundSchema }) : null
  if (submission?.status !== 'success') return { ...unreadable, queued: false }
  const outcome = await answerInbound(db, submission.value.from, submission.value.text, now)
  return { status: 200, body: { ok: true }, queued: outcome !== 'ignored' }
}
