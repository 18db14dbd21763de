import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, open, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { PGlite } from '@electric-sql/pglite'
import postgres from 'postgres'

// Backups of the whole database — every table, uploaded files included (they live in the
// `files` table, app/modules/storage) and the job queue. PostgreSQL: pg_dump's custom format,
// restored with pg_restore. Embedded (PGlite): a tarball of the data directory, taken and
// restored with the server stopped. docs/DEPLOYMENT.md#backups.

const run = promisify(execFile)

/** The first bytes of each kind of backup, so a restore refuses the other kind with a clear message. */
const PG_DUMP_MAGIC = 'PGDMP'
const GZIP_MAGIC = [0x1f, 0x8b]

/**
 * The pg_dump/pg_restore matching the server's major version (Debian keeps each version's
 * tools in /usr/lib/postgresql/<major>/bin); else the one on PATH, which must not be older.
 */
async function clientTool(url: string, tool: 'pg_dump' | 'pg_restore'): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  let serverMajor: number
  try {
    const [row] = await sql<{ v: string }[]>`show server_version_num`
    serverMajor = Math.floor(Number(row?.v) / 10000)
  } finally {
    await sql.end()
  }
  const versioned = `/usr/lib/postgresql/${serverMajor}/bin/${tool}`
  const binary = existsSync(versioned) ? versioned : tool
  const { stdout } = await run(binary, ['--version']).catch(() => {
    throw new Error(`${tool} is not installed (Debian: apt-get install postgresql-client-${serverMajor})`)
  })
  const clientMajor = Number(/(\d+)(?:\.\d+)?/.exec(stdout)?.[1])
  if (clientMajor < serverMajor) {
    throw new Error(
      `${tool} ${clientMajor} is older than the server (${serverMajor}); install postgresql-client-${serverMajor}`,
    )
  }
  return binary
}

/**
 * pg_dump --format=custom of the database at `url`. Run it as a superuser or a role with
 * BYPASSRLS: every tenant table forces row-level security, and pg_dump refuses (rather than
 * silently skipping rows) when a policy would apply.
 */
export async function backupPostgres(url: string, file: string): Promise<void> {
  const pgDump = await clientTool(url, 'pg_dump')
  await mkdir(path.dirname(path.resolve(file)), { recursive: true })
  await run(pgDump, ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${url}`], {
    maxBuffer: 16 * 1024 * 1024,
  })
}

/**
 * Replaces the contents of the database at `url` with the backup, in one transaction (a
 * failed restore leaves it as it was). The runtime role is cluster-wide, not in the dump:
 * it is created first when the cluster is new.
 */
export async function restorePostgres(url: string, file: string): Promise<void> {
  await expectKind(file, 'postgres')
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    await sql.unsafe(`do $$ begin create role winner_app nologin nosuperuser nobypassrls;
      exception when duplicate_object or unique_violation then null; end $$`)
    await sql.unsafe(`do $$ begin execute format('grant winner_app to %I', current_user);
      exception when others then null; end $$`)
  } finally {
    await sql.end()
  }
  const pgRestore = await clientTool(url, 'pg_restore')
  await run(
    pgRestore,
    ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', `--dbname=${url}`, file],
    { maxBuffer: 16 * 1024 * 1024 },
  )
}

/** The embedded database's files: DATA_DIR/pgdata (db/embedded.ts). */
export function embeddedDataDir(dataDir: string): string {
  return path.resolve(dataDir, 'pgdata')
}

/**
 * PGlite writes postmaster.pid while it runs and removes it on a clean stop (its pid is a
 * placeholder, so a live server and a crashed one look the same). Either way, copying or
 * replacing the directory now could tear it; the operator stops or recovers it first.
 */
function refuseIfOpen(dir: string): void {
  if (existsSync(path.join(dir, 'postmaster.pid'))) {
    throw new Error(
      `the embedded database in ${dir} is open: stop the server first (Ctrl-C or SIGTERM). If no server runs, it was not shut down cleanly: start it once (npm start) and stop it, then retry.`,
    )
  }
}

/**
 * A gzip tarball of the embedded data directory, through PGlite itself (a consistent copy,
 * not files copied under a running server). The server must be stopped: PGlite serves one
 * process, and opening the directory from two corrupts it.
 */
export async function backupEmbedded(dataDir: string, file: string): Promise<void> {
  const dir = embeddedDataDir(dataDir)
  if (!existsSync(path.join(dir, 'PG_VERSION'))) throw new Error(`no embedded database in ${dir}`)
  refuseIfOpen(dir)
  const pg = await PGlite.create(dir)
  try {
    const tarball = await pg.dumpDataDir('gzip')
    await mkdir(path.dirname(path.resolve(file)), { recursive: true })
    await writeFile(file, Buffer.from(await tarball.arrayBuffer()))
  } finally {
    await pg.close()
  }
}

/**
 * Loads a tarball into DATA_DIR/pgdata (server stopped). An existing directory is kept
 * beside it as pgdata.replaced-<time>, never deleted, so a mistaken restore can be undone.
 */
export async function restoreEmbedded(dataDir: string, file: string): Promise<{ setAside: string | null }> {
  await expectKind(file, 'embedded')
  const dir = embeddedDataDir(dataDir)
  let setAside: string | null = null
  if (existsSync(dir)) {
    refuseIfOpen(dir)
    setAside = `${dir}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`
    await rename(dir, setAside)
  }
  await mkdir(dir, { recursive: true })
  const pg = await PGlite.create(dir, { loadDataDir: new Blob([await readFile(file)]) })
  try {
    await pg.query('select 1')
  } finally {
    await pg.close()
  }
  return { setAside }
}

async function expectKind(file: string, kind: 'postgres' | 'embedded'): Promise<void> {
  const handle = await open(file, 'r')
  const head = Buffer.alloc(5)
  try {
    await handle.read(head, 0, 5, 0)
  } finally {
    await handle.close()
  }
  const isDump = head.toString('latin1') === PG_DUMP_MAGIC
  const isTarball = head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]
  if (kind === 'postgres' && !isDump) {
    throw new Error(
      `${file} is not a pg_dump custom-format backup${isTarball ? ' (it is an embedded database backup: unset DATABASE_URL)' : ''}`,
    )
  }
  if (kind === 'embedded' && !isTarball) {
    throw new Error(
      `${file} is not an embedded database backup${isDump ? ' (it is a PostgreSQL backup: set DATABASE_URL)' : ''}`,
    )
  }
}
