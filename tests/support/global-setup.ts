import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { connect } from '#db/client.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { seedReference } from '#db/seed/reference.ts'
import { projectRoot } from './app-process.ts'
import { createDatabase, dropDatabase, testServerUrl, uniqueName } from './databases.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string | null
  }
}

/**
 * Once per run: make sure the production build exists (page tests render it) and,
 * on a real server, build one migrated and seeded template database that every
 * test file clones in milliseconds.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(path.join(projectRoot, 'build/server/index.js'))) {
    execFileSync('npx', ['remix', 'vite:build'], { cwd: projectRoot, stdio: 'inherit' })
  }
  if (!testServerUrl) {
    console.log('Tests run on the embedded database: each test file starts its own in memory.')
    project.provide('templateDatabase', null)
    return
  }
  const name = uniqueName('winner_tpl')
  const owner = connect(await createDatabase(testServerUrl, name), { max: 1, as: 'owner' })
  try {
    await migrateToLatest(owner.db)
    await seedReference(owner.db)
  } finally {
    await owner.close()
  }
  project.provide('templateDatabase', name)
  return async () => {
    await dropDatabase(testServerUrl as string, name)
  }
}
