import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot } from '#tests/support/app-process.ts'
import { postForm, request } from '#tests/support/render.ts'
import { createTestDatabase, type TestDatabase } from '#tests/support/test-database.ts'

// The sign-in and registration pages every applicant passes through (issue 13): served
// without hydration, light on a phone, and the same with and without JavaScript, since
// there is no client code that could behave differently.

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(() => t.close())

const BUDGET_BYTES = 15 * 1024

/** Every file the page loads by itself: scripts, styles, preloads, icons, images, and fonts its CSS names. */
function assetsOf(html: string): string[] {
  const urls = [
    ...[...html.matchAll(/<script\b[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1] as string),
    ...[...html.matchAll(/<link\b[^>]*\shref="([^"]+)"/g)].map((m) => m[1] as string),
    ...[...html.matchAll(/<img\b[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1] as string),
  ]
  const css = urls.filter((u) => u.endsWith('.css'))
  for (const sheet of css) {
    for (const m of readAsset(sheet)
      .toString('utf8')
      .matchAll(/url\(["']?([^"')]+)["']?\)/g)) {
      const ref = m[1] as string
      if (!ref.startsWith('data:')) urls.push(new URL(ref, `http://localhost${sheet}`).pathname)
    }
  }
  return [...new Set(urls)]
}

function readAsset(url: string): Buffer {
  const pathname = new URL(url, 'http://localhost').pathname
  return readFileSync(path.join(projectRoot, 'build/client', pathname))
}

/** What goes over the wire: the server compresses every answer (compression middleware). */
const wire = (body: Buffer | string) => gzipSync(body).length

describe('the sign-in page on a first visit', () => {
  it('ships no React and transfers at most 15 KB with everything it loads', async () => {
    const res = await request('/login', { db: t.db })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).not.toContain('modulepreload')
    expect(html).not.toContain('__remixContext')
    const assets = assetsOf(html)
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true)
    const sizes = assets.map((a) => ({ a, bytes: wire(readAsset(a)) }))
    const total = wire(html) + sizes.reduce((sum, s) => sum + s.bytes, 0)
    expect(total, JSON.stringify({ html: wire(html), sizes })).toBeLessThanOrEqual(BUDGET_BYTES)
  })

  for (const page of ['/register', '/p/kalbar/register', '/forgot-password', '/reset-password?token=x']) {
    it(`${page} is served without hydration`, async () => {
      const html = await (await request(page, { db: t.db })).text()
      expect(html).not.toContain('modulepreload')
      expect(html).not.toContain('__remixContext')
    })
  }
})

describe('the forms answer from the server', () => {
  const summaryLinks = (html: string) =>
    [...html.matchAll(/<div class="error-summary"[\s\S]*?<\/div>/g)].flatMap((m) =>
      [...m[0].matchAll(/<a href="#([^"]+)">([^<]*)<\/a>/g)].map((l) => ({ id: l[1] as string, text: l[2] as string })),
    )

  it('sign-in with empty fields: localised errors in a summary that links to each field', async () => {
    const res = await postForm('/login', { email: '', password: '' }, { db: t.db })
    expect(res.status).toBe(400)
    const html = await res.text()
    const links = summaryLinks(html)
    expect(links.map((l) => l.text.split(':')[0])).toEqual(['Email', 'Kata sandi'])
    for (const link of links) expect(html).toContain(`id="${link.id}"`)
    expect(links[0]?.id).toMatch(/-email$/)
    expect(links[1]?.id).toMatch(/-password$/)
    // The box is focused on arrival without JavaScript.
    expect(html).toMatch(/<div class="error-summary" role="alert"[^>]*tabindex="-1"[^>]*autofocus=""/)
  })

  it('registration: one summary line per missing field, each pointing at that field', async () => {
    const res = await postForm('/register', { name: '', email: 'nope', password: '', province: '' }, { db: t.db })
    expect(res.status).toBe(400)
    const html = await res.text()
    const links = summaryLinks(html)
    expect(links.map((l) => l.id.replace(/^.*-/, ''))).toEqual(['name', 'email', 'password', 'province'])
    for (const link of links) expect(html).toContain(`id="${link.id}"`)
    expect(html).not.toMatch(/auth:|errors\.\w+\.\w+/)
  })

  it('forgot password: the summary in English when the reader reads English', async () => {
    const res = await postForm('/forgot-password', { email: '' }, { db: t.db, headers: { Cookie: 'lng=en' } })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('There is a problem')
    expect(summaryLinks(html).map((l) => l.text.split(':')[0])).toEqual(['Email'])
  })
})
