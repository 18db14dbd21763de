import { existsSync, readdirSync } from 'node:fs'
import type http from 'node:http'
import path from 'node:path'
import type { Language } from '#app/i18n/config.ts'
import { detectLanguage } from '#app/i18n/detect.ts'
import { plainPage } from './plain-page.ts'

// Admission control (issue 6, deadline surge). Past a few dozen requests in flight the
// server only gets slower: every extra request waits for the same database pool and
// the same core, until clients time out and retry. So at most `maxInFlight` requests
// run, up to `maxQueue` wait (at most `maxWaitMs`) for a slot, and everything beyond
// is answered at once with 503 and Retry-After, without touching the database.

export interface AdmissionLimits {
  /** Requests handled at the same time. */
  maxInFlight: number
  /** Requests allowed to wait for a slot; 0 answers 503 as soon as all slots are taken. */
  maxQueue: number
  /** How long a request may wait for a slot before it is answered 503. */
  maxWaitMs: number
  /** Seconds the client is told to wait before trying again. */
  retryAfterS: number
}

export type Rejection = 'queueFull' | 'waitedTooLong'

export interface AdmissionStats {
  inFlight: number
  queued: number
  admitted: number
  rejected: number
}

interface Waiter {
  start: () => void
  res: http.ServerResponse
  timer: NodeJS.Timeout
}

/** Answers a refused request; given by the server so the module stays free of page rendering. */
export type RejectFn = (req: http.IncomingMessage, res: http.ServerResponse, why: Rejection) => void

export class Admission {
  private inFlight = 0
  private readonly queue: Waiter[] = []
  private admitted = 0
  private rejected = 0

  constructor(
    readonly limits: AdmissionLimits,
    private readonly reject: RejectFn,
  ) {}

  stats(): AdmissionStats {
    return { inFlight: this.inFlight, queued: this.queue.length, admitted: this.admitted, rejected: this.rejected }
  }

  /**
   * Runs `start` now if a slot is free, later if the request may wait, or answers 503.
   * The slot is held until the response finishes, fails or its connection closes.
   */
  enter(req: http.IncomingMessage, res: http.ServerResponse, start: () => void): void {
    if (this.inFlight < this.limits.maxInFlight) {
      this.run(res, start)
      return
    }
    if (this.queue.length >= this.limits.maxQueue) {
      this.refuse(req, res, 'queueFull')
      return
    }
    const waiter: Waiter = {
      start,
      res,
      timer: setTimeout(() => {
        if (this.remove(waiter)) this.refuse(req, res, 'waitedTooLong')
      }, this.limits.maxWaitMs),
    }
    this.queue.push(waiter)
    // A client that gives up while waiting must not keep its place in the queue.
    res.once('close', () => {
      if (this.remove(waiter)) clearTimeout(waiter.timer)
    })
  }

  private run(res: http.ServerResponse, start: () => void): void {
    this.inFlight += 1
    this.admitted += 1
    let released = false
    const release = () => {
      if (released) return
      released = true
      this.inFlight -= 1
      this.next()
    }
    // 'close' follows 'finish' and also fires when the client hangs up; 'error' covers a broken socket.
    res.once('finish', release)
    res.once('close', release)
    res.once('error', release)
    try {
      start()
    } catch (error) {
      release()
      throw error
    }
  }

  private next(): void {
    while (this.inFlight < this.limits.maxInFlight) {
      const waiter = this.queue.shift()
      if (!waiter) return
      clearTimeout(waiter.timer)
      // Its client may have gone while it waited (the close listener removes it, but be sure).
      if (waiter.res.destroyed || waiter.res.writableEnded) continue
      this.run(waiter.res, waiter.start)
    }
  }

  private remove(waiter: Waiter): boolean {
    const i = this.queue.indexOf(waiter)
    if (i < 0) return false
    this.queue.splice(i, 1)
    return true
  }

  private refuse(req: http.IncomingMessage, res: http.ServerResponse, why: Rejection): void {
    this.rejected += 1
    this.reject(req, res, why)
  }
}

/**
 * Paths that never wait: static files (no database, and a page needs them to render)
 * and the health check, which must tell the load balancer the truth, not a 503 of ours.
 */
export function bypassesAdmission(pathname: string, staticFiles: ReadonlySet<string>): boolean {
  return pathname === '/healthz' || pathname.startsWith('/assets/') || staticFiles.has(pathname)
}

/**
 * The files of the client build outside assets/ (favicon and the like), as URL paths: the
 * only paths main.ts lets express.static look for, so a page request never stats the disk.
 */
export function listStaticFiles(clientDir: string): Set<string> {
  if (!existsSync(clientDir)) return new Set()
  return new Set(
    readdirSync(clientDir, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(clientDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .filter((file) => !file.startsWith('assets/'))
      .map((file) => `/${file}`),
  )
}

const overloadPages = new Map<string, Buffer>()

/** The 503 page in one language: built once, a surge sends it hundreds of times a second. */
function overloadPage(language: Language, retryAfterS: number): Buffer {
  const key = `${language}:${retryAfterS}`
  let page = overloadPages.get(key)
  if (!page) {
    page = plainPage(language, 503, 'overload', { seconds: retryAfterS })
    overloadPages.set(key, page)
  }
  return page
}

/**
 * The 503 answer: a minimal page in the visitor's language, Retry-After, no cookies, no
 * database. `headers` (name, value, name, value…) adds the site's security headers.
 */
export function sendOverloaded(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  retryAfterS: number,
  headers: readonly string[] = [],
): void {
  if (res.headersSent) {
    res.end()
    return
  }
  const url = new URL(req.url ?? '/', 'http://localhost')
  const { language } = detectLanguage(url, {
    cookie: req.headers.cookie,
    acceptLanguage: req.headers['accept-language'],
  })
  const page = overloadPage(language, retryAfterS)
  res.writeHead(503, [
    ...headers,
    'Retry-After',
    String(retryAfterS),
    'Content-Type',
    'text/html; charset=utf-8',
    'Content-Language',
    language,
    'Cache-Control',
    'no-store',
    'Content-Length',
    String(page.length),
  ])
  // The request body (a posted form) is not read: drain it so a keep-alive socket stays usable.
  req.resume()
  res.end(req.method === 'HEAD' ? undefined : page)
}
