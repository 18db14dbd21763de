import { randomUUID } from 'node:crypto'
import type http from 'node:http'
import type { Logger } from 'pino'

// One log line per request (issue 19): its id, method, route id, status and duration.
// Never the URL, its query string or any body: paths and queries carry tokens and
// e-mail addresses (reset links, invitations), and a route id says where it went.

export const REQUEST_ID_HEADER = 'X-Request-Id'

/** What a proxy may hand on: a UUID or a similar token, nothing that could smuggle text into logs. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/

/** The request's id: a proxy's own (only when TRUST_PROXY is set, and only if it looks like an id), else a new one. */
export function requestIdFor(req: http.IncomingMessage, trustProxy: boolean): string {
  const incoming = req.headers['x-request-id']
  if (trustProxy && typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming)) return incoming
  return randomUUID()
}

export interface RequestEntry {
  id: string
  method: string
  route: string
  status: number
  seconds: number
  /** The connection closed before the response finished. */
  aborted: boolean
}

/** Called once per request when its response finished or its connection closed first. */
export type RequestObserver = (entry: RequestEntry) => void

/**
 * Gives the request its id (answered in X-Request-Id) and reports it once it is over.
 * `label` names the route by path; `quiet` routes (static files, health checks) log at debug.
 */
export function trackRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  options: { trustProxy: boolean; label: (pathname: string) => string; observe: RequestObserver },
): void {
  const started = process.hrtime.bigint()
  const id = requestIdFor(req, options.trustProxy)
  res.setHeader(REQUEST_ID_HEADER, id)
  res.once('close', () => {
    let pathname = '/'
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname
    } catch {
      // A request line no URL parser accepts: counted as unmatched.
    }
    options.observe({
      id,
      method: req.method ?? 'GET',
      route: options.label(pathname),
      status: res.statusCode,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      aborted: !res.writableFinished,
    })
  })
}

/** The log line of one request: info, or debug for the routes a monitor polls (health, metrics, static files). */
export function logRequest(log: Logger, quiet: ReadonlySet<string>): RequestObserver {
  return ({ id, method, route, status, seconds, aborted }) => {
    const entry = {
      reqId: id,
      method,
      route,
      status,
      ms: Math.round(seconds * 10_000) / 10,
      ...(aborted ? { aborted } : {}),
    }
    if (quiet.has(route)) log.debug(entry, 'request')
    else log.info(entry, 'request')
  }
}
