import http from 'node:http'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { type AppLoadContext, createRequestHandler, type ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import pino from 'pino'
import { detectLanguage } from '#app/i18n/detect.ts'
import { createGateway } from '#app/modules/messaging/gateway.server.ts'
import { forgetReferenceCaches } from '#app/modules/tenancy/reference-cache.server.ts'
import { Admission, bypassesAdmission, listStaticFiles, sendOverloaded } from './admission.ts'
import { cacheControlFor } from './cache-policy.ts'
import { clusterMetricsText, type Kick, onPrimaryMessage, relayKick, workerSlot } from './cluster.ts'
import { admissionShare, loadConfig } from './config.ts'
import { checkDataDir, DATA_DIR_EXIT_CODE } from './data-dir.ts'
import { openDatabase } from './database.ts'
import { withErrorAnswers } from './error-answers.ts'
import { listenInvalidation, localInvalidation, PORTAL_CHANNEL } from './invalidation.ts'
import { installJobs, type Jobs, smtpTransport, startJobs } from './jobs.ts'
import { mailboxVisibleTo } from './mailbox-access.ts'
import { createMetrics, serveMetrics } from './metrics.ts'
import { type CachedPage, isCacheable, PortalCache } from './portal-cache.ts'
import { remixHandler } from './remix-handler.ts'
import { refuseMalformedInput } from './request-input.ts'
import { logRequest, trackRequest } from './request-log.ts'
import { routeLabeler } from './route-label.ts'
import { newNonce, originAllowed, securityHeaders } from './security.ts'
import { isSignedWebhook } from './signed-webhooks.ts'
import { failedToOpen, refuseToStart } from './start-failure.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const config = loadConfig(process.env)
const log = pino({ level: config.logLevel })

// WhatsApp and SMS (README "WhatsApp and SMS"): null without a provider, messages are logged.
const gateway = createGateway(config.messaging)

// A worker of the cluster (docs/decisions/023-one-process-per-core.md: the primary, primary.ts,
// migrated and seeded before forking it) or the only process, which migrates and seeds itself.
const slot = workerSlot()
if (slot === null) log.info({ processes: 1 }, config.oneProcessReason ?? 'one process (APP_PROCESSES=1)')

let database: Awaited<ReturnType<typeof openDatabase>>
const dataDirProblem = config.databaseUrl ? null : checkDataDir(config.dataDir)
if (dataDirProblem) refuseToStart(dataDirProblem, DATA_DIR_EXIT_CODE)
try {
  database = await openDatabase({ ...config, installJobs, prepared: slot !== null })
} catch (error) {
  failedToOpen(error, config, log)
}
// The admission limits are the instance's; in a cluster each worker takes its share (config.ts).
const limits = admissionShare(config.admission, config.processes, slot)
log.info(
  {
    embedded: database.embedded,
    ...(slot === null ? {} : { slot, maxInFlight: limits.maxInFlight, maxQueue: limits.maxQueue }),
  },
  database.embedded ? `embedded database in ${config.dataDir}` : 'connected to DATABASE_URL',
)

// Admission control in front of Express: a refusal costs no middleware, no session and no
// database. Static files, the health check, /metrics and cached public pages never wait.
// In development Vite serves hundreds of modules per page, so there is no limit there.
let refusedSinceLog = 0
let lastRefusalLog = 0
const admission = new Admission(limits, (req, res, why) => {
  metrics.rejected(why)
  // A surge refuses hundreds of requests a second: one log line per 10 s says how many.
  refusedSinceLog += 1
  if (Date.now() - lastRefusalLog >= 10_000) {
    log.warn({ refused: refusedSinceLog, why, ...admission.stats() }, 'overloaded: answering 503 with Retry-After')
    refusedSinceLog = 0
    lastRefusalLog = Date.now()
  }
  sendOverloaded(req, res, config.admission.retryAfterS, staticSecurityHeaders)
})

const metrics = createMetrics({
  admission: () => admission.stats(),
  pool: { inUse: database.app.inUse, size: database.embedded ? 1 : config.poolSize },
  db: database.app.db,
  onError: (error) => log.warn({ err: error }, 'metrics: the outboxes could not be read'),
  ...(slot === null ? {} : { clusterText: clusterMetricsText }),
})

// The job queue runs in every configuration (issue 19): reminders, deadline messages and
// retention always; without SMTP the mails stay in the outbox (/dev/mailbox where enabled),
// without a messaging provider the messages are logged, numbers masked. In a cluster one
// worker (slot 0) runs it: pg-boss would share the work safely, but N processes would poll
// N times as often and each run the start-up catch-up; the others hand their kicks over.
const relayed = (kick: Kick) => () => relayKick(kick)
const jobs: Jobs =
  slot !== null && slot > 0
    ? {
        kickMail: relayed('mail'),
        kickMessages: relayed('messages'),
        kickJippnas: relayed('jippnas'),
        stop: async () => {},
      }
    : await startJobs(database.app, {
        transport: config.smtpUrl ? smtpTransport(config.smtpUrl) : null,
        gateway,
        messageLog: log.child({ channel: 'messaging' }),
        jippnas: config.jippnas,
        from: config.mailFrom,
        onError: (error) => {
          metrics.jobError()
          log.error({ err: error }, 'job queue error')
        },
        onJob: (queue, outcome) => metrics.job(queue, outcome),
        origin: config.origin,
      })

// Caches of this process are dropped in every process (invalidation.ts): through
// LISTEN/NOTIFY on PostgreSQL, so other processes and other machines hear it too.
const invalidation =
  config.listenUrl && !database.embedded
    ? listenInvalidation({
        listenUrl: config.listenUrl,
        notify: database.app.sql,
        onError: (error, what) => log.warn({ err: error }, `cache invalidation: ${what} failed`),
      })
    : localInvalidation()

const portalCache = new PortalCache(config.production ? config.portalCacheTtlMs : 0)
await invalidation.onInvalidate(PORTAL_CHANNEL, (slug) => {
  const everything = slug === null || slug === '*'
  portalCache.invalidate(everything ? undefined : slug)
  // A province's or an edition's change drops every portal page; in the other processes the
  // cached reference rows must go with them, or a deactivated province answers for 30 s more.
  if (everything) forgetReferenceCaches()
})
const baseContext: AppLoadContext = {
  db: database.app.db,
  now: () => new Date(),
  production: config.production,
  invalidatePortal: (slug) => invalidation.broadcast(PORTAL_CHANNEL, slug ?? '*'),
  origin: config.origin,
  // Secure cookies need HTTPS; `npm start` on http://localhost keeps working with plain ones.
  secureCookies: config.production && config.origin.startsWith('https:'),
  kickMail: () => jobs.kickMail(),
  kickMessages: () => jobs.kickMessages(),
  messaging: { secret: config.messaging.webhookSecret, smsFallback: config.messaging.sms !== null },
  jippnas: { configured: config.jippnas !== null, kick: () => jobs.kickJippnas() },
}

function clientIp(req: http.IncomingMessage): string | null {
  if (config.trustProxy) {
    const forwarded = String(req.headers['x-forwarded-for'] ?? '')
      .split(',')[0]
      ?.trim()
    if (forwarded) return forwarded
  }
  return req.socket.remoteAddress ?? null
}

const getLoadContext = (req: http.IncomingMessage, res: http.ServerResponse): AppLoadContext => ({
  ...baseContext,
  clientIp: clientIp(req),
  devMailbox: config.devMailbox && mailboxVisibleTo(req.socket.remoteAddress, config.trustProxy),
  // Messages are shown where none is sent to a provider, to this machine only (like the mailbox).
  devMessages: !gateway && config.devMailbox && mailboxVisibleTo(req.socket.remoteAddress, config.trustProxy),
  cspNonce: (res as http.ServerResponse & { locals?: { nonce?: string } }).locals?.nonce,
})

const app = express()
app.disable('x-powered-by')
app.use((req, res, next) => {
  res.locals.nonce = newNonce()
  // Pages differ by language (cookie or Accept-Language) and by who is signed in.
  res.setHeader('Vary', 'Accept-Language, Cookie')
  for (const [name, value] of Object.entries(
    securityHeaders(res.locals.nonce, config.production, !config.production),
  )) {
    res.setHeader(name, value)
  }
  const claimed = {
    origin: req.headers.origin,
    referer: req.headers.referer,
    host: req.headers.host,
    forwardedHost: req.get('x-forwarded-host'),
  }
  const webhook = isSignedWebhook(req.method, req.path, req.headers['content-type'])
  if (!webhook && !originAllowed(req.method, claimed, config.allowedOrigins)) {
    log.warn({ method: req.method, path: req.path, origin: req.headers.origin ?? null }, 'cross-site request refused')
    res.status(403).type('text/plain').send('Forbidden: cross-site request')
    return
  }
  next()
})
app.use(refuseMalformedInput)
app.use(compression())
// The client build's files outside /assets (favicon and the like), as URL paths.
const staticFiles = config.production ? listStaticFiles(path.join(root, 'build/client')) : new Set<string>()
let build: ServerBuild | (() => Promise<ServerBuild>)
if (config.production) {
  build = withErrorAnswers((await import(pathToFileURL(path.join(root, 'build/server/index.js')).href)) as ServerBuild)
  app.use('/assets', express.static(path.join(root, 'build/client/assets'), { immutable: true, maxAge: '1y' }))
  // Only the build's own files: a page request goes on to Remix without a stat of the disk.
  const serveFile = express.static(path.join(root, 'build/client'), { maxAge: '1h' })
  app.use((req, res, next) => (staticFiles.has(req.path) ? serveFile(req, res, next) : next()))
} else {
  const vite = await import('vite').then((v) => v.createServer({ root, server: { middlewareMode: true } }))
  app.use(vite.middlewares)
  build = () => (vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>).then(withErrorAnswers)
}
const mode = config.production ? 'production' : 'development'
app.all('*', remixHandler({ build, mode, getLoadContext, serverTiming: config.serverTiming }))
const renderPage = createRequestHandler(build, mode)

// Metrics and logs name the route, not the URL (route-label.ts). In development the build
// is loaded on the first request, and named from then on.
let routeOf: (pathname: string) => string = () => 'unmatched'
if (typeof build === 'function') {
  const load = build
  routeOf = () => {
    load().then(
      (b) => {
        routeOf = routeLabeler(b)
      },
      () => {},
    )
    return 'unmatched'
  }
} else {
  routeOf = routeLabeler(build)
}

// Built once: a cache hit is a lookup, writeHead and end (docs/decisions/003-public-page-cache.md).
const staticSecurityHeaders = Object.entries(securityHeaders(null, config.production)).flat()
const wireHeaders = new WeakMap<CachedPage, { plain: string[]; gzip: string[]; notModified: string[] }>()

function headersFor(page: CachedPage) {
  let h = wireHeaders.get(page)
  if (!h) {
    const common = [
      ...staticSecurityHeaders,
      ...Object.entries(page.headers).flat(),
      'ETag',
      page.etag,
      'Cache-Control',
      'no-cache',
      'Vary',
      'Accept-Encoding, Accept-Language, Cookie',
    ]
    h = {
      notModified: common,
      plain: [...common, 'Content-Length', String(page.body.length)],
      gzip: [...common, 'Content-Encoding', 'gzip', 'Content-Length', String(page.gzip.length)],
    }
    wireHeaders.set(page, h)
  }
  return h
}

function send(req: http.IncomingMessage, res: http.ServerResponse, page: CachedPage): void {
  const headers = headersFor(page)
  if (req.headers['if-none-match'] === page.etag) {
    res.writeHead(304, headers.notModified).end()
    return
  }
  const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')
  res.writeHead(page.status, gzip ? headers.gzip : headers.plain)
  res.end(req.method === 'HEAD' ? undefined : gzip ? page.gzip : page.body)
}

/** Answers an anonymous public page from the cache, rendering it once on a miss. */
async function servePublicPage(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
  const { language } = detectLanguage(url, {
    cookie: req.headers.cookie,
    acceptLanguage: req.headers['accept-language'],
  })
  const key = PortalCache.key(language, url.pathname)
  const hit = portalCache.get(key)
  if (hit) {
    send(req, res, hit)
    return true
  }
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value)
  }
  // Rendered from the path alone: what a visitor put in the query never reaches the shared copy.
  const clean = new URL(url.pathname, url.origin)
  const response = await renderPage(new Request(clean, { method: 'GET', headers }), getLoadContext(req, res))
  // Only complete, successful, cookie-free pages are shared between visitors.
  if (response.status !== 200 || response.headers.has('set-cookie')) {
    res.writeHead(response.status, {
      ...securityHeaders(null, config.production),
      ...Object.fromEntries(response.headers),
      'cache-control': cacheControlFor(req.headers.cookie, response.headers.get('cache-control')),
    })
    res.end(req.method === 'HEAD' ? undefined : Buffer.from(await response.arrayBuffer()))
    return true
  }
  const kept: Record<string, string> = {}
  for (const name of ['content-type', 'content-language']) {
    const value = response.headers.get(name)
    if (value) kept[name] = value
  }
  send(req, res, portalCache.put(key, 200, kept, Buffer.from(await response.arrayBuffer())))
  return true
}

const labelOf = (pathname: string) => {
  if (pathname === '/metrics') return 'metrics'
  if (pathname.startsWith('/assets/') || staticFiles.has(pathname)) return 'static'
  return routeOf(pathname)
}
const observe = logRequest(log, new Set(['metrics', 'static', 'routes/healthz']))

// Requests under way, for the shutdown to wait on (each counted until its response closes).
let inFlight = 0
let drained: (() => void) | null = null
let stopping = false

const server = http.createServer((req, res) => {
  inFlight += 1
  // Once shutting down, a keep-alive connection is closed after its current answer.
  if (stopping) res.setHeader('Connection', 'close')
  trackRequest(req, res, {
    trustProxy: config.trustProxy,
    label: labelOf,
    observe: (entry) => {
      inFlight -= 1
      if (inFlight === 0) drained?.()
      metrics.observeRequest(entry.route, entry.method, entry.status, entry.seconds)
      observe(entry)
    },
  })
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`)
  if (url.pathname === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) {
    serveMetrics(req, res, metrics, { token: config.metricsToken, trustProxy: config.trustProxy }).catch((error) => {
      log.error({ err: error }, 'metrics failed')
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('Internal Server Error')
    })
    return
  }
  if (config.production && isCacheable(req.method ?? 'GET', url, req.headers.cookie)) {
    servePublicPage(req, res, url).catch((error) => {
      log.error({ err: error, path: url.pathname }, 'public page failed')
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('Internal Server Error')
    })
    return
  }
  if (config.production && !bypassesAdmission(url.pathname, staticFiles)) {
    admission.enter(req, res, () => app(req, res))
    return
  }
  app(req, res)
})

server.listen(config.port, config.host, () => {
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  log.info(`WiNNER listening on http://localhost:${port}`)
})

/** Resolves with what `work` resolved to, or `timedOut` after `ms`. */
function within<T>(work: Promise<T>, ms: number, timedOut: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(timedOut), ms)
  })
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

// Graceful shutdown (issue 19, docs/decisions/018-operations-runtime.md): stop accepting,
// let the requests under way finish (at most SHUTDOWN_TIMEOUT_SECONDS), stop the job
// queue, then close the pool and the embedded database so its files are left clean.
// A second signal exits at once.
async function shutdown(signal: string, fromPrimary = false) {
  // The primary's request after a Ctrl+C this process already got: one shutdown.
  if (stopping && fromPrimary) return
  if (stopping) {
    log.warn(`${signal} again: exiting without waiting`)
    process.exit(1)
  }
  stopping = true
  log.info({ inFlight }, `${signal}: shutting down`)
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  // Idle keep-alive connections carry no request: nothing to wait for.
  server.closeIdleConnections()
  const requestsDone =
    inFlight === 0
      ? Promise.resolve(true)
      : new Promise<boolean>((resolve) => {
          drained = () => resolve(true)
        })
  const [finished] = await Promise.all([
    within(requestsDone, config.shutdownTimeoutMs, false),
    jobs.stop().catch((error) => log.error({ err: error }, 'stopping jobs failed')),
  ])
  if (!finished) log.warn({ inFlight }, 'shutdown: requests still running after the timeout were cut off')
  server.closeAllConnections()
  await within(closed, 1000, undefined)
  await within(invalidation.close(), 1000, undefined)
  const databaseClosed = await within(
    database.close().then(
      () => true,
      (error) => {
        log.error({ err: error }, 'closing the database failed')
        return false
      },
    ),
    5000,
    false,
  )
  if (!databaseClosed) {
    log.error('shutdown: the database did not close in time')
    process.exit(1)
  }
  log.info('shut down cleanly')
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
if (slot !== null) {
  onPrimaryMessage({
    shutdown: (signal) => void shutdown(signal, true),
    kick: (kick) => {
      if (kick === 'mail') jobs.kickMail()
      else if (kick === 'messages') jobs.kickMessages()
      else jobs.kickJippnas()
    },
  })
}
