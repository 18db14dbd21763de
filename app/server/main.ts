import http from 'node:http'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { type AppLoadContext, createRequestHandler, type ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import pino from 'pino'
import { detectLanguage } from '#app/i18n/detect.ts'
import { createGateway } from '#app/modules/messaging/gateway.server.ts'
import { MigrationError } from '#db/migrate.ts'
import { Admission, bypassesAdmission, listStaticFiles, sendOverloaded } from './admission.ts'
import { cacheControlFor } from './cache-policy.ts'
import { loadConfig } from './config.ts'
import { openDatabase } from './database.ts'
import { withErrorAnswers } from './error-answers.ts'
import { installJobs, type Jobs, smtpTransport, startJobs, startMessageLog, startOversightRefresh } from './jobs.ts'
import { mailboxVisibleTo } from './mailbox-access.ts'
import { type CachedPage, isCacheable, PortalCache } from './portal-cache.ts'
import { remixHandler } from './remix-handler.ts'
import { refuseMalformedInput } from './request-input.ts'
import { newNonce, originAllowed, securityHeaders } from './security.ts'
import { isSignedWebhook } from './signed-webhooks.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const config = loadConfig(process.env)
const log = pino({ level: config.logLevel })

// WhatsApp and SMS (README "WhatsApp and SMS"): null without a provider, messages are logged.
const gateway = createGateway(config.messaging)

let database: Awaited<ReturnType<typeof openDatabase>>
try {
  database = await openDatabase({ ...config, installJobs: config.smtpUrl || gateway ? installJobs : undefined })
} catch (error) {
  if (error instanceof MigrationError) {
    log.fatal(`${error.message}. The database is unchanged past the last good migration; the server was not started.`)
  } else {
    log.fatal({ err: error }, 'Could not open the database; the server was not started.')
  }
  process.exit(1)
}
log.info(
  { embedded: database.embedded },
  database.embedded ? `embedded database in ${config.dataDir}` : 'connected to DATABASE_URL',
)

// Without SMTP, mails stay in the outbox (shown at /dev/mailbox where enabled). Without
// SMTP or a messaging provider nothing runs pg-boss: messages are logged in-process.
const messageLog = log.child({ channel: 'messaging' })
const jobs: Jobs | null =
  config.smtpUrl || gateway
    ? await startJobs(database.app, {
        transport: config.smtpUrl ? smtpTransport(config.smtpUrl) : null,
        gateway,
        messageLog,
        from: config.mailFrom,
        onError: (error) => log.error({ err: error }, 'job queue error'),
        origin: config.origin,
      })
    : null
const messages =
  jobs ?? startMessageLog(database.app, messageLog, (error) => log.error({ err: error }, 'message log failed'))
// With pg-boss the oversight recount is one of its jobs; without, an in-process timer (docs/decisions/016).
const oversight = jobs
  ? null
  : startOversightRefresh(database.app, (error) => log.error({ err: error }, 'oversight recount failed'))

const portalCache = new PortalCache(config.production ? config.portalCacheTtlMs : 0)
const baseContext: AppLoadContext = {
  db: database.app.db,
  now: () => new Date(),
  production: config.production,
  invalidatePortal: (slug) => portalCache.invalidate(slug),
  origin: config.origin,
  // Secure cookies need HTTPS; `npm start` on http://localhost keeps working with plain ones.
  secureCookies: config.production && config.origin.startsWith('https:'),
  kickMail: () => jobs?.kickMail(),
  kickMessages: () => messages.kickMessages(),
  messaging: { secret: config.messaging.webhookSecret, smsFallback: config.messaging.sms !== null },
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
let build: ServerBuild | (() => Promise<ServerBuild>)
if (config.production) {
  build = withErrorAnswers((await import(pathToFileURL(path.join(root, 'build/server/index.js')).href)) as ServerBuild)
  app.use('/assets', express.static(path.join(root, 'build/client/assets'), { immutable: true, maxAge: '1y' }))
  app.use(express.static(path.join(root, 'build/client'), { maxAge: '1h' }))
} else {
  const vite = await import('vite').then((v) => v.createServer({ root, server: { middlewareMode: true } }))
  app.use(vite.middlewares)
  build = () => (vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>).then(withErrorAnswers)
}
const mode = config.production ? 'production' : 'development'
app.all('*', remixHandler({ build, mode, getLoadContext }))
const renderPage = createRequestHandler(build, mode)

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
  const response = await renderPage(new Request(url, { method: 'GET', headers }), getLoadContext(req, res))
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

// Admission control in front of Express: a refusal costs no middleware, no session and no
// database. Static files, the health check and cached public pages never wait. In
// development Vite serves hundreds of modules per page, so there is no limit there.
const staticFiles = config.production ? listStaticFiles(path.join(root, 'build/client')) : new Set<string>()
let refusedSinceLog = 0
let lastRefusalLog = 0
const admission = new Admission(config.admission, (req, res, why) => {
  // A surge refuses hundreds of requests a second: one log line per 10 s says how many.
  refusedSinceLog += 1
  if (Date.now() - lastRefusalLog >= 10_000) {
    log.warn({ refused: refusedSinceLog, why, ...admission.stats() }, 'overloaded: answering 503 with Retry-After')
    refusedSinceLog = 0
    lastRefusalLog = Date.now()
  }
  sendOverloaded(req, res, config.admission.retryAfterS, staticSecurityHeaders)
})

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`)
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

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  log.info(`${signal}: shutting down`)
  server.close()
  server.closeAllConnections()
  await messages.stop().catch((error) => log.error({ err: error }, 'stopping jobs failed'))
  await oversight?.stop().catch((error) => log.error({ err: error }, 'stopping the oversight recount failed'))
  await database.close().catch((error) => log.error({ err: error }, 'closing the database failed'))
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
