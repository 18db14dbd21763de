import {
  type AppLoadContext,
  createRequestHandler,
  type ServerBuild,
  writeReadableStreamToWritable,
} from '@remix-run/node'
import type express from 'express'
import { bodyLimitFor, readBoundedBody, sendTooLarge, TOO_LARGE } from './body-limit.ts'
import { cacheControlFor } from './cache-policy.ts'
import { formProblem, sendBadRequest } from './request-input.ts'
import { markRequestStart } from './server-timing.ts'
import { isSignedWebhook } from './signed-webhooks.ts'

/**
 * Remix behind Express, as @remix-run/express does it, with three rules of our own at the
 * seam: the body is bounded (body-limit.ts) and must be a well-formed form without NULs
 * (request-input.ts) before any action parses it, and every dynamic response gets a
 * Cache-Control (cache-policy.ts). With `serverTiming` it marks when Remix was reached
 * (server-timing.ts), which is what makes the answer carry Server-Timing.
 */
export function remixHandler(options: {
  build: ServerBuild | (() => Promise<ServerBuild>)
  mode: string
  getLoadContext: (req: express.Request, res: express.Response) => AppLoadContext
  serverTiming: boolean
}): express.RequestHandler {
  const handle = createRequestHandler(options.build, options.mode)
  return async (req, res, next) => {
    try {
      const body = await readBoundedBody(req, bodyLimitFor(req.path))
      if (body === TOO_LARGE) {
        sendTooLarge(req, res)
        return
      }
      const form = !isSignedWebhook(req.method, req.path, req.headers['content-type'])
      if (body && form && (await formProblem(req.headers['content-type'] ?? '', new Uint8Array(body)))) {
        sendBadRequest(req, res)
        return
      }
      const context = options.getLoadContext(req, res)
      if (options.serverTiming) markRequestStart(context)
      const response = await handle(toRequest(req, res, body), context)
      await send(req, res, response)
    } catch (error) {
      next(error)
    }
  }
}

function toRequest(req: express.Request, res: express.Response, body: Buffer | undefined): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v)
    else if (value !== undefined) headers.set(name, value)
  }
  // Aborts loaders and actions once no response can be written (closed before finishing).
  let controller: AbortController | null = new AbortController()
  const { signal } = controller
  res.on('finish', () => {
    controller = null
  })
  res.on('close', () => controller?.abort())
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`)
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers, signal }
  if (body) {
    init.body = new Uint8Array(body)
    init.duplex = 'half'
  }
  return new Request(url, init)
}

async function send(req: express.Request, res: express.Response, response: Response): Promise<void> {
  res.statusMessage = response.statusText
  res.status(response.status)
  for (const [name, value] of response.headers.entries()) {
    if (name !== 'cache-control') res.append(name, value)
  }
  res.setHeader('Cache-Control', cacheControlFor(req.headers.cookie, response.headers.get('cache-control')))
  // Answered without reading the whole body (a redirect to sign in): the rest of it would
  // sit unread in front of the next request on this connection, so end the connection.
  if (!req.complete) res.setHeader('Connection', 'close')
  if (/text\/event-stream/i.test(response.headers.get('content-type') ?? '')) res.flushHeaders()
  if (response.body) await writeReadableStreamToWritable(response.body, res)
  else res.end()
}
