import type { NextFunction, Request, Response } from 'express'
import { detectLanguage } from '#app/i18n/detect.ts'
import { plainPage } from './plain-page.ts'
import { isSignedWebhook } from './signed-webhooks.ts'

// The malformed-input rule (issue 11 §2): every route takes forms and nothing else, and
// no text reaches PostgreSQL with a NUL in it (it answers 22021, which was a 500). So a
// request is refused with a localised 400 before Remix when its address holds a NUL, or
// when it carries a body that is not a well-formed urlencoded or multipart form, or a
// form with a NUL in a field name, a text value or a file name.

export type InputProblem = 'nullInUrl' | 'notAForm' | 'malformedForm' | 'nullInForm'

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** A NUL in the path or query, raw or percent-encoded. */
export function urlProblem(rawUrl: string): InputProblem | null {
  return /%00|\0/i.test(rawUrl) ? 'nullInUrl' : null
}

/** The form kinds routes read with `request.formData()`; anything else is not a form. */
export function formKind(contentType: string | undefined): 'urlencoded' | 'multipart' | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase()
  if (type === 'application/x-www-form-urlencoded') return 'urlencoded'
  if (type === 'multipart/form-data' && /;\s*boundary=/i.test(contentType ?? '')) return 'multipart'
  return null
}

/** What is wrong with a complete form body, parsed the way the platform's `Request.formData()` does. */
export async function formProblem(contentType: string, body: Uint8Array<ArrayBuffer>): Promise<InputProblem | null> {
  let form: FormData
  try {
    form = await new globalThis.Response(body, { headers: { 'Content-Type': contentType } }).formData()
  } catch {
    return 'malformedForm'
  }
  for (const [name, value] of form.entries()) {
    const text = typeof value === 'string' ? value : value.name
    if (name.includes('\0') || text.includes('\0')) return 'nullInForm'
  }
  return null
}

/**
 * Express middleware for what needs no body: the address, and that a body is a form at
 * all. The body itself is checked with formProblem once it is read within its size limit
 * (remix-handler.ts).
 */
export function refuseMalformedInput(req: Request, res: Response, next: NextFunction): void {
  const body = BODYLESS.has(req.method) || formKind(req.headers['content-type']) !== null
  if (urlProblem(req.originalUrl) || !(body || isSignedWebhook(req.method, req.path, req.headers['content-type']))) {
    sendBadRequest(req, res)
  } else {
    next()
  }
}

/**
 * The backstop: the status for an error that malformed input caused past the front door
 * (a parameter no route validated), else null. PostgreSQL's
 * data exceptions (class 22: a NUL byte, a value out of range, an invalid uuid) are the
 * client's doing; an invalid id in a page address names nothing, so it is a 404.
 */
export function inputErrorStatus(error: unknown, method: string): 400 | 404 | null {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string' && code.startsWith('22')) {
    return code === '22P02' && BODYLESS.has(method) ? 404 : 400
  }
  // `request.formData()` on a body that is not a complete form.
  if (error instanceof TypeError && /FormData/.test(error.message)) return 400
  return null
}

/** The localised 400 page, built like the 503 and 413 pages (plain-page.ts). */
export function sendBadRequest(req: Request, res: Response): void {
  const { language } = detectLanguage(new URL(req.originalUrl.replace(/^\/+/, '/'), 'http://localhost'), {
    cookie: req.headers.cookie,
    acceptLanguage: req.headers['accept-language'],
  })
  // An unread body is drained so a keep-alive connection stays usable.
  if (!req.readableEnded) req.resume()
  res
    .status(400)
    .set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Language': language, 'Cache-Control': 'no-store' })
    .send(req.method === 'HEAD' ? undefined : plainPage(language, 400, 'badRequest', {}, { home: true }))
}
