import http from 'node:http'

// An open-loop load driver: request i is sent at start + i / rate whether or not the
// earlier ones have been answered, the way a crowd of phones arrives before a deadline.
// (autocannon's connections wait for an answer before sending again, so a slow server
// would quietly receive fewer requests and look better than it is.) Latency is counted
// from the scheduled instant, so time spent waiting to be sent counts too.

export interface PlannedRequest {
  path: string
  body: string
  cookie: string
}

export type Outcome =
  | { kind: 'response'; status: number; retryAfter: string | null; location: string | null }
  | { kind: 'socketError'; code: string }
  | { kind: 'timeout' }

export interface Sent {
  /** Milliseconds from the start of the run. */
  scheduledMs: number
  sentMs: number
  doneMs: number
  outcome: Outcome
  /** Resent once after a stale keep-alive socket was reset before it carried the request. */
  retried?: boolean
}

export interface DriveOptions {
  baseUrl: string
  ratePerS: number
  timeoutMs: number
  /** Called once per planned slot; the plan may depend on what was answered so far. */
  plan: (index: number) => PlannedRequest[]
  count: number
  onProgress?: (done: number, total: number) => void
}

/** Sends `count` slots at a fixed rate (a slot may hold more than one request: a double click). */
export async function drive(options: DriveOptions): Promise<Sent[][]> {
  const base = new URL(options.baseUrl)
  // Keep-alive like a browser, with as many sockets as there are requests in flight:
  // a capped agent would queue requests here, in the client, and hide the server's queue.
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY })
  const results: Sent[][] = new Array(options.count)
  const started = performance.now()
  const intervalMs = 1000 / options.ratePerS
  let issued = 0
  let finished = 0
  let pending = 0

  const one = (scheduledMs: number, request: PlannedRequest, retried = false): Promise<Sent> =>
    new Promise((resolve) => {
      const sentMs = performance.now() - started
      let settled = false
      const settle = (outcome: Outcome) => {
        if (settled) return
        settled = true
        resolve({ scheduledMs, sentMs, doneMs: performance.now() - started, outcome, retried })
      }
      const body = Buffer.from(request.body)
      const req = http.request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method: 'POST',
          path: request.path,
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            'Content-Length': body.length,
            Cookie: request.cookie,
            Origin: base.origin,
            'Accept-Language': 'id-ID,id;q=0.9',
          },
          timeout: options.timeoutMs,
        },
        (res) => {
          // Read the body to the end so the socket goes back to the agent.
          res.resume()
          res.on('end', () =>
            settle({
              kind: 'response',
              status: res.statusCode ?? 0,
              retryAfter: (res.headers['retry-after'] as string | undefined) ?? null,
              location: res.headers.location ?? null,
            }),
          )
          res.on('error', (error: NodeJS.ErrnoException) => settle({ kind: 'socketError', code: error.code ?? 'ERR' }))
        },
      )
      req.on('timeout', () => {
        settle({ kind: 'timeout' })
        req.destroy()
      })
      req.on('error', (error: NodeJS.ErrnoException) => {
        // The server closed an idle keep-alive socket just as we reused it: the request never
        // reached it. Browsers resend in this case, and so do we, once (Node's docs advise it).
        if (!settled && !retried && req.reusedSocket && error.code === 'ECONNRESET') {
          settled = true
          void one(scheduledMs, request, true).then(resolve)
          return
        }
        settle({ kind: 'socketError', code: error.code ?? 'ERR' })
      })
      req.end(body)
    })

  await new Promise<void>((resolveAll) => {
    const tick = () => {
      const now = performance.now() - started
      while (issued < options.count && issued * intervalMs <= now) {
        const index = issued++
        const scheduledMs = index * intervalMs
        const requests = options.plan(index)
        pending += 1
        void Promise.all(requests.map((r) => one(scheduledMs, r))).then((sent) => {
          results[index] = sent
          pending -= 1
          finished += 1
          options.onProgress?.(finished, options.count)
          if (issued === options.count && pending === 0) resolveAll()
        })
      }
      if (issued < options.count) setTimeout(tick, Math.max(0, Math.min(intervalMs, issued * intervalMs - now)))
    }
    tick()
  })
  agent.destroy()
  return results
}
