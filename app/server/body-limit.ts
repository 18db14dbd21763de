import type http from 'node:http'
import { detectLanguage } from '#app/i18n/detect.ts'
import { MAX_FILE_BYTES } from '#app/modules/storage/storage.server.ts'
import { plainPage } from './plain-page.ts'

// Request bodies are bounded before anything parses them (security review, issue 11 §2):
// without a limit one anonymous POST /login of 150 MB was read in full.

/**
 * Ordinary forms. The longest, an application section, is a few thousand characters:
 * under 100 KB even with every character percent-encoded as three UTF-8 bytes.
 */
export const FORM_BODY_BYTES = 256 * 1024

/**
 * Upload forms: one file at the storage limit plus the form around it. A file a little
 * over the limit still reaches the form, which says so next to the file input.
 */
export const UPLOAD_BODY_BYTES = MAX_FILE_BYTES + FORM_BODY_BYTES

/** The routes whose action reads a multipart upload (readUploadForm). */
const UPLOAD_ROUTES = [
  /^\/p\/[^/]+\/apply\/[^/]+\/attachments\/?$/,
  /^\/p\/[^/]+\/manage\/fgd\/?$/,
  /^\/national\/provinces(?:\/[^/]+)?\/?$/,
  // A finalist's mentoring plan, and the finalist's own mentoring page: a milestone's evidence file (issue 14).
  /^\/p\/[^/]+\/mentoring\/[^/]+\/plans\/[^/]+\/?$/,
  /^\/p\/[^/]+\/apply\/[^/]+\/mentoring\/?$/,
  // Co-creation (issue 15): an event's minutes, the kabupaten/kota CSV, a MoU's signed PDF.
  /^\/p\/[^/]+\/manage\/cocreation\/(?:new|[^/]+\/edit)\/?$/,
  /^\/p\/[^/]+\/manage\/regencies\/?$/,
  /^\/p\/[^/]+\/manage\/mous\/[^/]+\/?$/,
]

/** The largest body a request to `pathname` may carry. */
export function bodyLimitFor(pathname: string): number {
  return UPLOAD_ROUTES.some((route) => route.test(pathname)) ? UPLOAD_BODY_BYTES : FORM_BODY_BYTES
}

export const TOO_LARGE = Symbol('body too large')

/**
 * The body of a request, read into memory while it fits `limit`: none for GET/HEAD,
 * else the bytes, or TOO_LARGE at once when the declared length is over the limit or as
 * soon as an undeclared (chunked) one grows past it. Reading it whole lets the input
 * rule (request-input.ts) check the form before any action parses it.
 */
export async function readBoundedBody(
  req: http.IncomingMessage,
  limit: number,
): Promise<undefined | Buffer | typeof TOO_LARGE> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined
  if (Number(req.headers['content-length'] ?? 0) > limit) return TOO_LARGE
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) {
        chunks.push(chunk)
        return
      }
      // Stop reading: the 413 goes out with Connection: close and the socket closes after it.
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', reject)
      req.pause()
      chunks.length = 0
      resolve(TOO_LARGE)
    }
    const onEnd = () => resolve(Buffer.concat(chunks, size))
    req.on('data', onData)
    req.once('end', onEnd)
    req.once('error', reject)
  })
}

/** The 413 answer: a minimal page in the visitor's language; the connection closes after it. */
export function sendTooLarge(req: http.IncomingMessage, res: http.ServerResponse): void {
  const { language } = detectLanguage(new URL(req.url ?? '/', 'http://localhost'), {
    cookie: req.headers.cookie,
    acceptLanguage: req.headers['accept-language'],
  })
  const page = plainPage(language, 413, 'tooLarge')
  res.writeHead(413, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Language': language,
    'Cache-Control': 'no-store',
    'Content-Length': String(page.length),
    // Not reading the rest of a huge body is the point: end the connection instead.
    Connection: 'close',
  })
  res.end(req.method === 'HEAD' ? undefined : page)
}
