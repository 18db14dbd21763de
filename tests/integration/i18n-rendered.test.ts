import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '#db/seed/demo.ts'
import { projectRoot } from '#tests/support/app-process.ts'
import { request } from '#tests/support/render.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'
import { flattenKeys, rawKeysIn } from '../i18n/keys.ts'

// The rendered half of `npm run i18n:check`: no page shows a raw translation key.
let t: TestDatabase
const allKeys: string[] = []
const pages = [
  '/',
  '/p/banten',
  '/p/ntt',
  '/p/sumut',
  '/p/kalbar',
  '/p/jatim',
  '/p/sulsel',
  '/p/atlantis',
  '/nowhere',
  '/privacy',
]

beforeAll(async () => {
  t = await createTestDatabase()
  await t.asOwner((db) => seedDemo(db))
  const dir = path.join(projectRoot, 'locales/id')
  for (const file of readdirSync(dir)) {
    const ns = file.replace(/\.json$/, '')
    const json = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>
    allKeys.push(...flattenKeys(json).map(([k]) => `${ns}:${k}`))
  }
})
afterAll(() => t.close())

describe.each(['id', 'en'] as const)('every public page in %s', (lng) => {
  it.each(pages)('%s renders without raw keys', async (page) => {
    const res = await request(`${page}?lng=${lng}`, { db: t.db })
    const body = await res.text()
    expect([200, 404]).toContain(res.status)
    expect(body).toContain(`<html lang="${lng}"`)
    expect(rawKeysIn(body, allKeys)).toEqual([])
  })
})
