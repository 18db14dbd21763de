// Starts Debian's `pgbouncer` in transaction mode on a free loopback port, in front of the
// PostgreSQL at an admin URL, with a generated configuration (tests and local trials):
//   tsx scripts/pgbouncer.ts [admin-url] [pool-size]   → prints the pooled URL, runs until Ctrl-C.
// Clients log in as POOLED_ROLE, whose default role is the runtime role (as in production,
// docs/DEPLOYMENT.md#pgbouncer); every database of the server is reachable (`*`). PgBouncer
// logs in without a password, so the server must trust POOLED_ROLE from this host (as the
// local cluster of CI and the development machines trusts 127.0.0.1).
import { type ChildProcess, spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import postgres from 'postgres'

/** The login role pooled connections use; its default role is winner_app (RLS applies). */
export const POOLED_ROLE = 'winner_pooled'

export interface PgBouncer {
  /** postgres://winner_pooled@127.0.0.1:<port>/postgres; change the path for another database. */
  url: string
  output(): string
  stop(): Promise<void>
}

/** Creates the pooled login role (idempotent, tolerant of a parallel run doing the same). */
export async function ensurePooledRole(adminUrl: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} })
  try {
    for (const statement of [
      'create role winner_app nologin nosuperuser nobypassrls',
      `create role ${POOLED_ROLE} login nosuperuser nobypassrls`,
    ]) {
      await sql.unsafe(
        `do $$ begin ${statement}; exception when duplicate_object or unique_violation then null; end $$`,
      )
    }
    await sql.unsafe(`grant winner_app to ${POOLED_ROLE}`)
    await sql.unsafe(`alter role ${POOLED_ROLE} set role winner_app`)
  } finally {
    await sql.end()
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

export async function startPgBouncer(adminUrl: string, { poolSize = 1 } = {}): Promise<PgBouncer> {
  await ensurePooledRole(adminUrl)
  const server = new URL(adminUrl)
  const port = await freePort()
  const dir = mkdtempSync(path.join(os.tmpdir(), 'winner-pgbouncer-'))
  const ini = path.join(dir, 'pgbouncer.ini')
  writeFileSync(path.join(dir, 'userlist.txt'), `"${POOLED_ROLE}" ""\n`)
  writeFileSync(
    ini,
    [
      '[databases]',
      `* = host=${server.hostname} port=${server.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${path.join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      `default_pool_size = ${poolSize}`,
      'min_pool_size = 0',
      'reserve_pool_size = 0',
      'max_client_conn = 500',
      // postgres.js sends it at start; PgBouncer does not forward it and would refuse the client.
      'ignore_startup_parameters = extra_float_digits',
      // Test databases are dropped WITH (FORCE) while PgBouncer may hold a connection to them.
      'server_login_retry = 1',
      'autodb_idle_timeout = 5',
      '',
    ].join('\n'),
  )
  // PgBouncer refuses to run as root; CI containers often are root, PostgreSQL's user is there.
  chmodSync(dir, 0o755)
  const asUser = process.getuid?.() === 0 ? ['-u', 'postgres'] : []
  // Debian installs it in /usr/sbin, which a non-root PATH may lack.
  const command = existsSync('/usr/sbin/pgbouncer') ? '/usr/sbin/pgbouncer' : 'pgbouncer'
  const child: ChildProcess = spawn(command, [...asUser, ini], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.on('data', (d) => {
    output += d
  })
  child.stderr?.on('data', (d) => {
    output += d
  })
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (e) => reject(new Error(`could not run pgbouncer (apt-get install pgbouncer): ${e.message}`))),
  )
  const url = `postgres://${POOLED_ROLE}@127.0.0.1:${port}/postgres`
  const ready = (async () => {
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) throw new Error(`pgbouncer exited with ${child.exitCode}:\n${output}`)
      const sql = postgres(url, { max: 1, prepare: false, connect_timeout: 2, onnotice: () => {} })
      try {
        await sql`select 1`
        return
      } catch {
        await new Promise((r) => setTimeout(r, 100))
      } finally {
        await sql.end({ timeout: 1 })
      }
    }
    throw new Error(`pgbouncer did not answer on port ${port}:\n${output}`)
  })()
  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        rmSync(dir, { recursive: true, force: true })
        resolve()
      }
      if (child.exitCode !== null || child.signalCode !== null) return done()
      child.once('exit', done)
      child.kill('SIGINT')
    })
  try {
    await Promise.race([ready, spawnError])
  } catch (error) {
    await stop()
    throw error
  }
  return { url, output: () => output, stop }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const admin = process.argv[2] ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const bouncer = await startPgBouncer(admin, { poolSize: Number(process.argv[3] ?? 1) })
  console.log(bouncer.url)
  process.once('SIGINT', () => void bouncer.stop().then(() => process.exit(0)))
  process.once('SIGTERM', () => void bouncer.stop().then(() => process.exit(0)))
}
