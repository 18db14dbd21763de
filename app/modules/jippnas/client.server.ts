import { acceptedAnswer, type InnovationPayload, refusedAnswer } from './payload.ts'
import { idempotencyKey, ownReason, REQUEST_TIMEOUT_MS } from './sync-rules.ts'

// The JIPPNas endpoint as docs/jippnas.md describes it:
//
//   POST <JIPPNAS_URL>
//   Authorization: Bearer <JIPPNAS_TOKEN>
//   Idempotency-Key: winner-innovation-<id>-v<version>   (the same on every retry of a version)
//   <the payload of payload.ts>
//
//   2xx { "id": "…" }                                  → sent
//   429, 5xx, timeout, no answer, 2xx without an id    → retried with backoff
//   other 4xx { "error": { "message": "…" } }          → failed, the message shown to Bappeda

export interface JippnasEndpoint {
  url: string
  token: string
}

export type SendOutcome =
  | { kind: 'accepted'; remoteId: string; status: number }
  | { kind: 'refused'; message: string; status: number | null }
  | { kind: 'transient'; message: string; status: number | null }

export async function sendInnovation(
  endpoint: JippnasEndpoint,
  payload: InnovationPayload,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<SendOutcome> {
  let response: Response
  try {
    response = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${endpoint.token}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': idempotencyKey(payload.id, payload.version),
      },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    // Nothing was accepted as far as we know; the same key makes a re-send harmless.
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
    return { kind: 'transient', message: ownReason(timedOut ? 'timeout' : 'no-answer'), status: null }
  }
  const body: unknown = await response.json().catch(() => null)
  if (response.ok) {
    const parsed = acceptedAnswer.safeParse(body)
    return parsed.success
      ? { kind: 'accepted', remoteId: parsed.data.id, status: response.status }
      : { kind: 'transient', message: ownReason('bad-answer'), status: response.status }
  }
  const refusal = refusedAnswer.safeParse(body)
  const remote = refusal.success
    ? [refusal.data.error.message, ...(refusal.data.error.fields ?? [])].join(' — ').slice(0, 2000)
    : null
  if (response.status === 429 || response.status >= 500) {
    return { kind: 'transient', message: remote ?? ownReason('server-error'), status: response.status }
  }
  return { kind: 'refused', message: remote ?? `HTTP ${response.status}`, status: response.status }
}
