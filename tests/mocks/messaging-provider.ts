import { randomBytes } from 'node:crypto'
import { delay, HttpResponse, http } from 'msw'
import { signPayload } from '#app/modules/messaging/signature.ts'

// The WhatsApp and SMS provider as the gateway contract describes it (README "WhatsApp
// and SMS", app/modules/messaging/gateway.server.ts), for `mockServer.use(...)`. Every
// request the gateway makes is recorded; callbacks the provider would send us are built
// by `signedCallback` (genuine) and `forgedCallback` (wrong key).

export const WHATSAPP_URL = 'https://wa.provider.test/v1/messages'
export const SMS_URL = 'https://sms.provider.test/v1/messages'
export const PROVIDER_TOKEN = 'test-provider-token'
export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789abcdef0123'

export interface ProviderRequest {
  channel: 'whatsapp' | 'sms'
  authorization: string | null
  idempotencyKey: string | null
  body: { to: string; template: string; locale: string; text: string; reference: string }
}

export const providerRequests: ProviderRequest[] = []

async function record(channel: 'whatsapp' | 'sms', request: Request): Promise<ProviderRequest> {
  const entry = {
    channel,
    authorization: request.headers.get('authorization'),
    idempotencyKey: request.headers.get('idempotency-key'),
    body: (await request.json()) as ProviderRequest['body'],
  }
  providerRequests.push(entry)
  return entry
}

const urlOf = (channel: 'whatsapp' | 'sms') => (channel === 'whatsapp' ? WHATSAPP_URL : SMS_URL)

/** The provider accepts the message and answers its id ("wamid-<reference>"). */
export const accepted = (channel: 'whatsapp' | 'sms') =>
  http.post(urlOf(channel), async ({ request }) => {
    const r = await record(channel, request)
    return HttpResponse.json({ id: `${channel}-${r.body.reference}` }, { status: 202 })
  })

/** The provider refuses the template for good (400). */
export const rejectedTemplate = (channel: 'whatsapp' | 'sms') =>
  http.post(urlOf(channel), async ({ request }) => {
    await record(channel, request)
    return HttpResponse.json(
      { error: { code: 'template_rejected', message: 'template not approved' } },
      { status: 400 },
    )
  })

/** 503 on the first request, accepted on the next ones. */
export const serverErrorThenAccepted = (channel: 'whatsapp' | 'sms') => {
  let calls = 0
  return http.post(urlOf(channel), async ({ request }) => {
    const r = await record(channel, request)
    calls++
    if (calls === 1) return HttpResponse.json({ error: { code: 'unavailable' } }, { status: 503 })
    return HttpResponse.json({ id: `${channel}-${r.body.reference}` }, { status: 202 })
  })
}

/** Never answers within the gateway's timeout. */
export const timeout = (channel: 'whatsapp' | 'sms') =>
  http.post(urlOf(channel), async ({ request }) => {
    await record(channel, request)
    await delay(5_000)
    return HttpResponse.json({ id: 'too-late' }, { status: 202 })
  })

export const newNonce = () => randomBytes(16).toString('hex')

/** Headers of a genuine callback: timestamp, nonce and the HMAC over them and the body. */
export function signedCallback(body: string, at: Date, nonce = newNonce(), secret = WEBHOOK_SECRET) {
  const timestamp = String(Math.floor(at.getTime() / 1000))
  return {
    'X-Winner-Timestamp': timestamp,
    'X-Winner-Nonce': nonce,
    'X-Winner-Signature': signPayload(secret, timestamp, nonce, body),
  }
}

/** A callback signed with a key that is not ours. */
export const forgedCallback = (body: string, at: Date) =>
  signedCallback(body, at, newNonce(), 'an-attacker-key-that-is-not-ours-000000')
