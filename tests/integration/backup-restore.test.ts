import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { postgresStorage } from '#app/modules/storage/storage.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'
import { loadConfig } from '#app/server/config.ts'
import { connect, type DB } from '#db/client.ts'
import { startEmbeddedDatabase } from '#db/embedded.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { seed } from '#db/seed/run.ts'
import { projectRoot } from '#tests/support/app-process.ts'
import { createDatabase, dropDatabase, testServerUrl, uniqueName } from '#tests/support/databases.ts'
import { samplePng } from '#tests/support/sample-files.ts'

// `npm run db:backup` → wipe → `npm run db:restore` gives back every table with the same rows,
// uploaded files included: on PostgreSQL (pg_dump custom format) and, under
// vitest.embedded.config.ts, on the embedded database's data directory.
const runFile = promisify(execFile)
let work: string
let before: Map<string, string>
let after: Map<string, string>
const picture = samplePng(16, [200, 40, 40])

/** Rows and an md5 of every row's text, per table of every schema (files' bytes included). */
async function checksums(db: DB): Promise<Map<string, string>> {
  const tables = await sql<{ name: string }>`
    select format('%I.%I', n.nspname, c.relname) as name from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
      and n.nspname not like 'pg_toast%' order by 1`.execute(db)
  const sums = new Map<string, string>()
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number; sum: string }>`select count(*)::int as n,
      md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from ${sql.raw(name)} t`.execute(db)
    sums.set(name, `${r.rows[0]?.n}:${r.rows[0]?.sum}`)
  }
  return sums
}

/** Demo data plus one uploaded file, as the owner. */
async function fill(owner: DB): Promise<void> {
  await migrateToLatest(owner)
  await seed(owner, { demo: true, origin: loadConfig({}).origin })
  const kalbar = await owner.selectFrom('provinces').select('id').where('slug', '=', 'kalbar').executeTakeFirstOrThrow()
  await withTenant(owner, { provinceId: kalbar.id }, (trx) =>
    postgresStorage.put(trx, kalbar.id, {
      bytes: picture,
      name: 'foto-produk.png',
      createdBy: null,
      accept: ['image/png'],
    }),
  )
}

/** The npm scripts' command, as an operator runs it. */
function cli(args: string[], env: Record<string, string>) {
  const { DATABASE_URL: _url, DATABASE_OWNER_URL: _owner, DATA_DIR: _dir, ...rest } = process.env
  return runFile(process.execPath, ['--import', 'tsx', 'db/backup-cli.ts', ...args], {
    cwd: projectRoot,
    env: { ...rest, ...env },
  })
}

async function filesIntact(db: DB) {
  const files = await db.selectFrom('files').select(['sha256', 'data', 'original_name']).execute()
  expect(files.length).toBeGreaterThan(0)
  for (const f of files) expect(createHash('sha256').update(f.data).digest('hex'), f.original_name).toBe(f.sha256)
  expect(files.map((f) => f.original_name)).toContain('foto-produk.png')
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'winner-backup-'))
})
afterAll(() => rm(work, { recursive: true, force: true }))

// One database per run, never a skipped test: the server here, the embedded one under its config.
if (testServerUrl)
  describe('backup and restore on PostgreSQL', () => {
    const name = uniqueName('winner_backup')
    let url: string
    beforeAll(async () => {
      url = await createDatabase(testServerUrl as string, name, inject('templateDatabase') ?? undefined)
      const owner = connect(url, { max: 1, as: 'owner' })
      try {
        await fill(owner.db)
        before = await checksums(owner.db)
      } finally {
        await owner.close()
      }
    })
    afterAll(() => dropDatabase(testServerUrl as string, name))

    it('backs up with pg_dump, restores into a wiped database, and every table comes back the same', async () => {
      const file = path.join(work, 'winner.dump')
      const backup = await cli(['backup', file], { DATABASE_URL: url })
      expect(backup.stdout).toContain(file)
      await dropDatabase(testServerUrl as string, name)
      await createDatabase(testServerUrl as string, name)
      await cli(['restore', file], { DATABASE_URL: url })
      const owner = connect(url, { max: 1, as: 'owner' })
      try {
        after = await checksums(owner.db)
        await filesIntact(owner.db)
      } finally {
        await owner.close()
      }
      expect(before.get('public.files')).toMatch(/^[1-9]\d*:/)
      expect([...after.keys()]).toEqual([...before.keys()])
      expect(after).toEqual(before)
    })

    it('refuses an embedded backup with a message that says which kind it is', async () => {
      const file = path.join(work, 'not-a-dump.tar.gz')
      await import('node:fs/promises').then((fs) => fs.writeFile(file, Buffer.from([0x1f, 0x8b, 8, 0, 0])))
      await expect(cli(['restore', file], { DATABASE_URL: url })).rejects.toMatchObject({
        stderr: expect.stringContaining('embedded database backup'),
      })
    })
  })
else
  describe('backup and restore of the embedded database', () => {
    let dataDir: string
    beforeAll(async () => {
      dataDir = path.join(work, 'data')
      const embedded = await startEmbeddedDatabase(dataDir)
      const owner = connect(embedded.url, { max: 1, as: 'owner', persistent: true })
      try {
        await fill(owner.db)
        before = await checksums(owner.db)
      } finally {
        await owner.close()
        await embedded.stop()
      }
    })

    it('backs up the stopped data directory, restores it after a wipe, and every table comes back the same', async () => {
      const file = path.join(work, 'winner.tar.gz')
      await cli(['backup', file], { DATA_DIR: dataDir })
      await rm(path.join(dataDir, 'pgdata'), { recursive: true, force: true })
      const restored = await cli(['restore', file], { DATA_DIR: dataDir })
      expect(restored.stdout).not.toContain('previous data')
      const embedded = await startEmbeddedDatabase(dataDir)
      const owner = connect(embedded.url, { max: 1, as: 'owner', persistent: true })
      try {
        after = await checksums(owner.db)
        await filesIntact(owner.db)
      } finally {
        await owner.close()
        await embedded.stop()
      }
      expect(before.get('public.files')).toMatch(/^[1-9]\d*:/)
      expect(after).toEqual(before)
    })

    it('refuses to copy or replace the data directory while a server has it open', async () => {
      const embedded = await startEmbeddedDatabase(dataDir)
      try {
        for (const args of [
          ['backup', path.join(work, 'open.tar.gz')],
          ['restore', path.join(work, 'winner.tar.gz')],
        ]) {
          await expect(cli(args, { DATA_DIR: dataDir })).rejects.toMatchObject({
            stderr: expect.stringContaining('stop the server first'),
          })
        }
      } finally {
        await embedded.stop()
      }
      expect((await readdir(dataDir)).filter((f) => f.startsWith('pgdata.replaced-'))).toEqual([])
    })

    it('restoring over an existing database keeps the old one beside it', async () => {
      const restored = await cli(['restore', path.join(work, 'winner.tar.gz')], { DATA_DIR: dataDir })
      expect(restored.stdout).toContain('previous data is kept')
      expect((await readdir(dataDir)).filter((f) => f.startsWith('pgdata.replaced-'))).toHaveLength(1)
    })
  })
