import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export interface EmbeddedDatabase {
  url: string
  stop(): Promise<void>
}

/**
 * Starts PGlite in this process and serves it on a loopback port, so postgres.js
 * talks to it exactly as to a real server. `dataDir` null keeps it in memory.
 * See docs/decisions/001-embedded-pglite.md.
 */
export async function startEmbeddedDatabase(dataDir: string | null): Promise<EmbeddedDatabase> {
  let location = 'memory://'
  if (dataDir) {
    const dir = path.resolve(dataDir, 'pgdata')
    mkdirSync(dir, { recursive: true })
    location = dir
  }
  const pg = await PGlite.create(location)
  const server = new PGLiteSocketServer({ db: pg, port: 0, host: '127.0.0.1' })
  await server.start()
  const address = (server as unknown as { server: import('node:net').Server }).server.address()
  if (!address || typeof address === 'string') throw new Error('embedded database did not bind a TCP port')
  return {
    url: `postgres://postgres@127.0.0.1:${address.port}/postgres`,
    async stop() {
      await server.stop()
      await pg.close()
    },
  }
}
