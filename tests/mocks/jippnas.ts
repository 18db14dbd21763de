import { delay, HttpResponse, http } from 'msw'

// JIPPNas as docs/jippnas.md describes it, for `mockServer.use(...)`: every request the
// sync makes is recorded (headers and payload) so tests can check the idempotency key
// and what was sent.

export const JIPPNAS_URL = 'https://jippnas.example.go.id/api/v1/innovations'
export const JIPPNAS_TOKEN = 'test-jippnas-token'
export const endpoint = { url: JIPPNAS_URL, token: JIPPNAS_TOKEN }

export interface JippnasRequest {
  authorization: string | null
  idempotencyKey: string | null
  body: { id: string; version: number; schema: string } & Record<string, unknown>
}

export const jippnasRequests: JippnasRequest[] = []

async function record(request: Request): Promise<JippnasRequest> {
  const entry = {
    authorization: request.headers.get('authorization'),
    idempotencyKey: request.headers.get('idempotency-key'),
    body: (await request.json()) as JippnasRequest['body'],
  }
  jippnasRequests.push(entry)
  return entry
}

/** Accepted: answers its id for the record ("jp-<id>"), the same for a re-sent key. */
export const accepted = () =>
  http.post(JIPPNAS_URL, async ({ request }) => {
    const r = await record(request)
    return HttpResponse.json({ id: `jp-${r.body.id}` }, { status: 201 })
  })

/** Refused for good (422) with a validation message naming fields. */
export const validationError = () =>
  http.post(JIPPNAS_URL, async ({ request }) => {
    await record(request)
    return HttpResponse.json(
      { error: { message: 'Kode wilayah tidak dikenal', fields: ['regency.bps_code'] } },
      { status: 422 },
    )
  })

/** 503 every time. */
export const serverError = () =>
  http.post(JIPPNAS_URL, async ({ request }) => {
    await record(request)
    return HttpResponse.json({ error: { message: 'Layanan sedang pemeliharaan' } }, { status: 503 })
  })

/** Never answers within the sync's timeout (tests pass a short one). */
export const timeout = () =>
  http.post(JIPPNAS_URL, async ({ request }) => {
    await record(request)
    await delay(2_000)
    return HttpResponse.json({ id: 'too-late' }, { status: 201 })
  })

/** Answers, slowly but within the timeout. */
export const slow = (ms: number) =>
  http.post(JIPPNAS_URL, async ({ request }) => {
    const r = await record(request)
    await delay(ms)
    return HttpResponse.json({ id: `jp-${r.body.id}` }, { status: 201 })
  })
