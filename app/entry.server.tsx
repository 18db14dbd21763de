import { Writable } from 'node:stream'
import type { AppLoadContext, EntryContext, HandleDataRequestFunction, HandleErrorFunction } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { detectLanguage } from '#app/i18n/detect.ts'
import { i18nFor } from '#app/i18n/i18n.server.ts'
import { isDatabaseUnavailable } from '#app/modules/health/health.server.ts'
import { inputErrorStatus } from '#app/server/request-input.ts'
import { msSinceStart, serverTimingValue } from '#app/server/server-timing.ts'
import { NonceContext } from '#app/ui/nonce.tsx'

export const streamTimeout = 5000

/** Seconds a client is asked to wait after the database could not be reached. */
const DATABASE_RETRY_AFTER_S = 5

// Requests (by their load context, one object per request) that failed because the
// database was out of reach: a pool that cannot connect, a connection dropped or
// refused. They are answered 503 with Retry-After instead of 500: nothing is wrong
// with the request, it is worth sending again in a moment.
const unavailable = new WeakSet<object>()

// Requests that failed on malformed input the front door let through (the backstop of
// app/server/request-input.ts): their status, a 4xx, replaces the 500.
const badInput = new WeakMap<object, number>()

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  const inputStatus = inputErrorStatus(error, request.method)
  if (inputStatus) {
    badInput.set(context, inputStatus)
    console.warn('malformed input:', (error as { code?: string }).code ?? String(error))
    return
  }
  if (isDatabaseUnavailable(error)) {
    unavailable.add(context)
    console.warn('database unavailable:', (error as { code?: string }).code ?? error)
    return
  }
  // Remix's default: log unless the client went away.
  const cause = isRouteErrorResponse(error) ? (error as { error?: unknown }).error : undefined
  if (!request.signal.aborted) console.error(cause ?? error)
}

/** 4xx for malformed input, 503 for the database being away, and Retry-After on every 503 (also those thrown by loaders). */
function unavailableStatus(status: number, headers: Headers, context: object): number {
  const inputStatus = badInput.get(context)
  if (inputStatus && status === 500) return inputStatus
  const outage = unavailable.has(context)
  if (!outage && status !== 503) return status
  if (!headers.has('Retry-After')) headers.set('Retry-After', String(DATABASE_RETRY_AFTER_S))
  return 503
}

/** Client-side navigations and fetcher submissions get the same status as documents. */
export const handleDataRequest: HandleDataRequestFunction = (response, { context }) => {
  const headers = new Headers(response.headers)
  const status = unavailableStatus(response.status, headers, context)
  const data = msSinceStart(context)
  if (data !== null) headers.append('Server-Timing', serverTimingValue({ data }))
  return new Response(response.body, { status, statusText: response.statusText, headers })
}

/**
 * Renders the whole document before answering (no streaming): pages are small,
 * the status code stays exact, the portal cache stores complete HTML, and the answer
 * is one buffer. Where the
 * request was marked (SERVER_TIMING=1), Server-Timing says how long data access (until
 * here) and the render took (server-timing.ts).
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const renderStart = performance.now()
  const data = msSinceStart(loadContext)
  const nonce = loadContext.cspNonce ?? ''
  const status = unavailableStatus(responseStatusCode, responseHeaders, loadContext)
  const { language } = detectLanguage(new URL(request.url), {
    cookie: request.headers.get('Cookie'),
    acceptLanguage: request.headers.get('Accept-Language'),
  })
  return new Promise<Response>((resolve, reject) => {
    let failed = false
    // Cleared once the document is rendered: a pending timer would keep the whole render
    // (tree, chunks, loader data) alive for seconds after the answer went out.
    const abortTimer = setTimeout(() => abort(), streamTimeout + 1000)
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={i18nFor(language)}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady() {
          // The whole document is ready: gathered into one buffer, instead of passing
          // React's small chunks one by one through a Node stream and a web stream.
          const chunks: Buffer[] = []
          const sink = new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk)
              done()
            },
            final(done) {
              responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
              responseHeaders.set('Content-Language', language)
              if (data !== null) {
                responseHeaders.append(
                  'Server-Timing',
                  serverTimingValue({ data, render: performance.now() - renderStart }),
                )
              }
              resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: failed ? 500 : status }))
              done()
            },
          })
          pipe(sink)
          clearTimeout(abortTimer)
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer)
          reject(error)
        },
        onError(error: unknown) {
          failed = true
          if (!request.signal.aborted) console.error(error)
        },
      },
    )
  })
}
