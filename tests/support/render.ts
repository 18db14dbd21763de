import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { type AppLoadContext, createRequestHandler, type ServerBuild } from '@remix-run/node'
import type { DB } from '#db/client.ts'
import { projectRoot } from './app-process.ts'

let handler: ReturnType<typeof createRequestHandler> | undefined

async function remixHandler() {
  if (!handler) {
    const build = (await import(
      /* @vite-ignore */ pathToFileURL(path.join(projectRoot, 'build/server/index.js')).href
    )) as ServerBuild
    handler = createRequestHandler(build, 'production')
  }
  return handler
}

export interface RenderOptions {
  db: DB
  now?: Date
  headers?: Record<string, string>
  invalidated?: (string | undefined)[]
}

/** Sends a request through the built Remix app in-process, with a test database in context. */
export async function request(pathname: string, options: RenderOptions & { init?: RequestInit }): Promise<Response> {
  const handle = await remixHandler()
  const context: AppLoadContext = {
    db: options.db,
    now: () => options.now ?? new Date(),
    production: true,
    invalidatePortal: (slug) => {
      options.invalidated?.push(slug)
    },
  }
  const req = new Request(new URL(pathname, 'http://localhost'), { ...options.init, headers: options.headers })
  return handle(req, context)
}
