// `npm run db:backup [-- file]` / `npm run db:restore -- file`: PostgreSQL at DATABASE_OWNER_URL
// or DATABASE_URL (directly, not through PgBouncer), else the embedded database in DATA_DIR
// (stop the server first). See db/backup.ts and docs/DEPLOYMENT.md#backups.
import { backupEmbedded, backupPostgres, restoreEmbedded, restorePostgres } from './backup.ts'

const [command, fileArg] = process.argv.slice(2)
const url = process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL ?? null
const dataDir = process.env.DATA_DIR ?? '.data'
const stamp = new Date().toISOString().replace(/[:.]/g, '-')

try {
  if (command === 'backup') {
    const file = fileArg ?? `backups/winner-${stamp}.${url ? 'dump' : 'tar.gz'}`
    if (url) await backupPostgres(url, file)
    else await backupEmbedded(dataDir, file)
    console.log(`backup written: ${file}`)
  } else if (command === 'restore' && fileArg) {
    if (url) {
      await restorePostgres(url, fileArg)
      console.log(`restored ${fileArg} into ${new URL(url).pathname.slice(1)}`)
    } else {
      const { setAside } = await restoreEmbedded(dataDir, fileArg)
      console.log(`restored ${fileArg} into ${dataDir}${setAside ? `; the previous data is kept in ${setAside}` : ''}`)
    }
  } else {
    console.error('usage: npm run db:backup [-- file] | npm run db:restore -- file')
    process.exitCode = 2
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
}
