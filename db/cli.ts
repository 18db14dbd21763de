// `npm run db:migrate` / `npm run db:seed` against DATABASE_URL, or the embedded
// database in DATA_DIR when it is unset (stop the app first: it holds the files).
import { loadConfig } from '#app/server/config.ts'
import { connect } from './client.ts'
import { startEmbeddedDatabase } from './embedded.ts'
import { migrateToLatest } from './migrate.ts'
import { seed } from './seed/run.ts'

const command = process.argv[2]
if (command !== 'migrate' && command !== 'seed') {
  console.error('usage: tsx db/cli.ts migrate|seed')
  process.exit(2)
}
const embedded = process.env.DATABASE_URL ? null : await startEmbeddedDatabase(process.env.DATA_DIR ?? '.data')
// The owner migrates directly (DATABASE_OWNER_URL), not through a transaction-mode pooler.
const owner = connect(process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL ?? embedded?.url ?? '', {
  max: 1,
  as: 'owner',
})
try {
  const applied = await migrateToLatest(owner.db)
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'migrations: up to date')
  if (command === 'seed') {
    // Mails the demo seed creates link to the origin the server will run on (same env, same rule).
    const { origin } = loadConfig(process.env)
    await seed(owner.db, { demo: process.env.SEED_DEMO ? process.env.SEED_DEMO === '1' : embedded !== null, origin })
    console.log('seed: done')
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await owner.close()
  await embedded?.stop()
}
