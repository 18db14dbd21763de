import { z } from 'zod'
import type { MessageChannel } from '#db/schema.ts'
import { REQUEST_TIMEOUT_MS } from './messaging-rules.ts'

// The provider-neutral gateway (README "WhatsApp and SMS"): one JSON request per message
// to the configured URL of its channel. Any vendor (a BSP for WhatsApp, an SMS
// aggregator) is reached through a thin adapter that speaks this contract.
//
//   POST <WHATSAPP_API_URL | SMS_API_URL>
//   Authorization: Bearer <token>
//   Idempotency-Key: <message id>:<channel>      (the same on every retry)
//   { "to": "+62812…", "template": "applicationSubmitted", "locale": "id",
//     "text": "…", "reference": "<message id>" }
//
//   2xx { "id": "<provider's message id>" }                        → sent
//   429, 5xx, timeout, no answer                                   → retried with backoff
//   other 4xx { "error": { "code": "template_rejected", "message": "…" } } → failed for good

export interface GatewayEndpoint {
  url: string
  token: string
}

export interface OutgoingMessage {
  id: string
  to: string
  template: string
  locale: string
  text: string
}

export type SendResult =
  | { kind: 'accepted'; providerId: string }
  | { kind: 'rejected'; error: string }
  | { kind: 'transient'; error: string }

export interface Gateway {
  /** The channels configured here; WhatsApp first, SMS as its fallback. */
  channels: MessageChannel[]
  send(channel: MessageChannel, message: OutgoingMessage): Promise<SendResult>
}

const accepted = z.object({ id: z.string().min(1).max(200) })
const rejected = z.object({ error: z.object({ code: z.string().max(100), message: z.string().max(500).optional() }) })

/** The gateway over the configured endpoints; null when neither is configured (messages are logged). */
export function createGateway(
  endpoints: { whatsapp: GatewayEndpoint | null; sms: GatewayEndpoint | null },
  timeoutMs = REQUEST_TIMEOUT_MS,
): Gateway | null {
  const channels = (['whatsapp', 'sms'] as const).filter((c) => endpoints[c] !== null)
  if (channels.length === 0) return null
  return {
    channels,
    async send(channel, message) {
      const endpoint = endpoints[channel]
      if (!endpoint) return { kind: 'rejected', error: `${channel}: not configured` }
      return post(endpoint, channel, message, timeoutMs)
    },
  }
}

async function post(
  endpoint: GatewayEndpoint,
  channel: MessageChannel,
  message: OutgoingMessage,
  timeoutMs: number,
): Promise<SendResult> {
  let response: Response
  try {
    response = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${endpoint.token}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': `${message.id}:${channel}`,
      },
      body: JSON.stringify({
        to: message.to,
        template: message.template,
        locale: message.locale,
        text: message.text,
        reference: message.id,
      }),
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    // Timeout, refused connection, DNS: nothing was accepted, so the same request may be retried.
    const name = error instanceof Error ? error.name : 'Error'
    return { kind: 'transient', error: `${channel}: ${name === 'TimeoutError' ? 'timeout' : 'no answer'}` }
  }
  const body: unknown = await response.json().catch(() => null)
  if (response.ok) {
    const parsed = accepted.safeParse(body)
    return parsed.success
      ? { kind: 'accepted', providerId: parsed.data.id }
      : { kind: 'transient', error: `${channel}: ${response.status} without a message id` }
  }
  if (response.status === 429 || response.status >= 500) {
    return { kind: 'transient', error: `${channel}: ${response.status}` }
  }
  const reason = rejected.safeParse(body)
  return {
    kind: 'rejected',
    error: `${channel}: ${response.status} ${reason.success ? reason.data.error.code : 'rejected'}`,
  }
}
