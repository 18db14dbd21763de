import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { type AppLoadContext, createRequestHandler, type ServerBuild } from '@remix-run/node'
import { withErrorAnswers } from '#app/server/error-answers.ts'
import type { DB } from '#db/client.ts'
import { projectRoot } from './app-process.ts'

let build: ServerBuild | undefined
let handler: ReturnType<typeof createRequestHandler> | undefined

/** The production build's server bundle (npm test builds it first). */
export async function serverBuild(): Promise<ServerBuild> {
  build ??= (await import(
    /* @vite-ignore */ pathToFileURL(path.join(projectRoot, 'build/server/index.js')).href
  )) as ServerBuild
  return build
}

async function remixHandler() {
  handler ??= createRequestHandler(withErrorAnswers(await serverBuild()), 'production')
  return handler
}

export interface RenderOptions {
  db: DB
  now?: Date
  headers?: Record<string, string>
  invalidated?: (string | undefined)[]
  ip?: string
  devMailbox?: boolean
  devMessages?: boolean
  /** The provider callbacks' HMAC secret (messaging/webhooks.server.ts); unset: none configured. */
  messaging?: { secret: string | null; smsFallback: boolean }
  /** Whether JIPPNAS_URL is set, and what a kick does (jippnas module); unset: not configured. */
  jippnas?: { configured: boolean; kick: () => void }
}

/** Sends a request through the built Remix app in-process, with a test database in context. */
export async function request(pathname: string, options: RenderOptions & { init?: RequestInit }): Promise<Response> {
  const handle = await remixHandler()
  const context: AppLoadContext = {
    db: options.db,
    now: () => options.now ?? new Date(),
    production: true,
    secureCookies: true,
    invalidatePortal: (slug) => {
      options.invalidated?.push(slug)
    },
    clientIp: options.ip ?? '192.0.2.1',
    origin: 'http://localhost',
    devMailbox: options.devMailbox ?? false,
    devMessages: options.devMessages ?? false,
    messaging: options.messaging,
    jippnas: options.jippnas,
  }
  const req = new Request(new URL(pathname, 'http://localhost'), { ...options.init, headers: options.headers })
  return handle(req, context)
}

/** POSTs a form like a browser without JavaScript would. */
export function postForm(pathname: string, fields: Record<string, string>, options: RenderOptions): Promise<Response> {
  return request(pathname, {
    ...options,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Host: 'localhost',
      Origin: 'http://localhost',
      ...options.headers,
    },
    init: { method: 'POST', body: new URLSearchParams(fields).toString() },
  })
}

/** The session cookie ("name=value") from a response's Set-Cookie headers, if any. */
export function sessionCookieFrom(res: Response): string | null {
  for (const header of res.headers.getSetCookie()) {
    const pair = header.split(';')[0] ?? ''
    if (pair.startsWith('__Host-winner_session=')) return pair
  }
  return null
}

/** POSTs a JSON body like a provider's callback would: no cookie, no Origin. */
export function postJson(
  pathname: string,
  body: string,
  headers: Record<string, string>,
  options: RenderOptions,
): Promise<Response> {
  return request(pathname, {
    ...options,
    headers: { 'Content-Type': 'application/json', ...headers },
    init: { method: 'POST', body },
  })
}
