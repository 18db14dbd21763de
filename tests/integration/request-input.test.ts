import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isSignedWebhook } from '#app/server/signed-webhooks.ts'
import { demoPdf } from '#db/seed/demo-pdf.ts'
import { type AppProcess, projectRoot, startAppProcess } from '#tests/support/app-process.ts'
import { createDatabase, dropDatabase, testServerUrl, uniqueName } from '#tests/support/databases.ts'

// The malformed-input rule (issue 11 §2) through the real HTTP server: every action
// route answers malformed input with a localised 400, never a 500.
let app: AppProcess
let cleanup: () => Promise<void>

beforeAll(async () => {
  if (testServerUrl) {
    const name = uniqueName('winner_input')
    const url = await createDatabase(testServerUrl, name)
    app = await startAppProcess({ env: { DATABASE_URL: url, SEED_DEMO: '1' } })
    cleanup = () => dropDatabase(testServerUrl as string, name)
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'winner-input-'))
    app = await startAppProcess({ env: { DATA_DIR: dir } })
    cleanup = async () => rmSync(dir, { recursive: true, force: true })
  }
}, 120_000)

afterAll(async () => {
  await app?.stop()
  await cleanup?.()
})

const ANY_ID = '00000000-0000-4000-8000-000000000000'
const BOUNDARY = 'WinnerTestBoundary'
const multipartType = `multipart/form-data; boundary=${BOUNDARY}`
const part = (name: string, value: string, fileName?: string, type = 'text/plain') =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${fileName === undefined ? '' : `; filename="${fileName}"\r\nContent-Type: ${type}`}\r\n\r\n${value}\r\n`

/** Every route with an action, as a URL that reaches it (parameters filled in). */
async function actionUrls(): Promise<string[]> {
  const build = (await import(pathToFileURL(path.join(projectRoot, 'build/server/index.js')).href)) as ServerBuild
  const fullPath = (id: string): string => {
    const route = build.routes[id]
    if (!route) return ''
    const parent = route.parentId ? fullPath(route.parentId) : ''
    return [parent, route.path ?? ''].filter(Boolean).join('/')
  }
  return Object.values(build.routes)
    .filter((route) => route?.module.action)
    .map((route) => {
      const filled = fullPath(route?.id as string)
        .split('/')
        .map((segment) => (segment === ':province' ? 'kalbar' : segment.startsWith(':') ? ANY_ID : segment))
        .join('/')
      return `/${filled}${route?.index ? '?index' : ''}`
    })
}

const malformed: Record<string, { contentType?: string; body: Uint8Array<ArrayBuffer> | string }> = {
  'a JSON body': { contentType: 'application/json', body: '{"email":"a@b.c","password":"x"}' },
  'no content type': { body: new TextEncoder().encode('token=abc') },
  'a text/plain body': { contentType: 'text/plain', body: 'token=abc' },
  'a truncated multipart body': { contentType: multipartType, body: `${part('a', 'b')}--${BOUNDARY}\r\nContent-Dis` },
  'a NUL in an urlencoded field': { contentType: 'application/x-www-form-urlencoded', body: 'name=a%00b&email=x' },
  'a NUL in a multipart field': { contentType: multipartType, body: `${part('name', 'a\0b')}--${BOUNDARY}--\r\n` },
}

const post = (url: string, init: { contentType?: string; body: Uint8Array<ArrayBuffer> | string }, headers = {}) =>
  fetch(`${app.url}${url}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: app.url, ...(init.contentType ? { 'Content-Type': init.contentType } : {}), ...headers },
    body: init.body,
  })

async function signIn(email: string): Promise<string> {
  const res = await post('/login', {
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams({ email, password: 'winner-demo-2023' }).toString(),
  })
  expect(res.status).toBe(302)
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
}

describe('malformed input answers a localised 400 on every action route', () => {
  it('finds the action routes in the build', async () => {
    const urls = await actionUrls()
    expect(urls).toContain('/login')
    expect(urls).toContain('/verify-email')
    expect(urls.length).toBeGreaterThan(30)
  })

  it.each(Object.entries(malformed))('refuses %s everywhere', async (_, input) => {
    const answers = await Promise.all(
      (await actionUrls()).map(async (url) => {
        const res = await post(url, input)
        return { url, status: res.status, page: await res.text() }
      }),
    )
    for (const { url, status, page } of answers) {
      // A provider's signed JSON callback is let through to its own check, which refuses an unsigned one.
      if (isSignedWebhook('POST', url, input.contentType)) {
        expect({ url, status }).toEqual({ url, status: 401 })
        continue
      }
      expect({ url, status }).toEqual({ url, status: 400 })
      expect(page).toContain('Permintaan tidak dapat diproses')
    }
  })

  it('speaks the visitor language', async () => {
    const res = await post('/verify-email', malformed['no content type'] as never, { 'Accept-Language': 'en' })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-language')).toBe('en')
    expect(await res.text()).toContain('The request could not be processed')
  })

  it('refuses a NUL in a search query', async () => {
    const cookie = await signIn('bappeda.kalbar@demo.winner.id')
    const res = await fetch(`${app.url}/p/kalbar/manage/applications?q=a%00b`, { headers: { Cookie: cookie } })
    expect(res.status).toBe(400)
    const ok = await fetch(`${app.url}/p/kalbar/manage/applications?q=ab`, { headers: { Cookie: cookie } })
    expect(ok.status).toBe(200)
  })

  it('still takes well-formed forms: a team member named with a bidi override is stored without it', async () => {
    const cookie = await signIn('applicant.kalbar@demo.winner.id')
    const res = await post(
      '/p/kalbar/apply/profile',
      {
        contentType: 'application/x-www-form-urlencoded',
        body: new URLSearchParams({
          intent: 'addMember',
          name: 'Rina\u202Eitnas',
          role: 'Bendahara\u0007',
          gender: 'female',
          age_band: '25_34',
        }).toString(),
      },
      { Cookie: cookie },
    )
    expect(res.status).toBe(302)
    const page = await (await fetch(`${app.url}/p/kalbar/apply/profile`, { headers: { Cookie: cookie } })).text()
    expect(page).toContain('Rinaitnas')
    expect(page).not.toContain('\u202E')
  })
})

describe('uploads', () => {
  it('accepts a PDF whose name has "=" and a bidi override, and lists it cleaned', async () => {
    const cookie = await signIn('applicant.kalbar@demo.winner.id')
    const home = await (await fetch(`${app.url}/p/kalbar/apply`, { headers: { Cookie: cookie } })).text()
    const id = /\/p\/kalbar\/apply\/([0-9a-f-]{36})/.exec(home)?.[1]
    expect(id).toBeTruthy()
    const attachments = `/p/kalbar/apply/${id}/attachments`
    // One proposal per application: each upload replaces the last, so each is checked in turn.
    for (const [name, listed] of [
      ['proposal v=2.pdf', 'proposal v=2.pdf'],
      ['evil\u202Efdp.exe.pdf', 'evilfdp.exe.pdf'],
    ] as const) {
      const form = new FormData()
      form.set('kind', 'proposal')
      form.set('file', new File([Buffer.from(demoPdf([`Proposal ${listed}`]))], name, { type: 'application/pdf' }))
      const res = await fetch(`${app.url}${attachments}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { Origin: app.url, Cookie: cookie },
        body: form,
      })
      expect({ name, status: res.status }).toEqual({ name, status: 302 })
      const page = await (await fetch(`${app.url}${attachments}`, { headers: { Cookie: cookie } })).text()
      expect(page).toContain(`>${listed}</a>`)
      expect(page).not.toContain('\u202E')
    }
  })
})

describe('sign-in redirects stay on this site', () => {
  const offsite = ['/\t/evil.example/', '/\n/evil.example/', '/\\evil.example/', '/.//evil.example/', '//evil.example/']

  it.each(offsite)('signing in with redirectTo=%j lands in the workspace', async (redirectTo) => {
    const res = await post('/login', {
      contentType: 'application/x-www-form-urlencoded',
      body: new URLSearchParams({
        email: 'ministry@demo.winner.id',
        password: 'winner-demo-2023',
        redirectTo,
      }).toString(),
    })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/national')
  })

  it('sends a signed-in visitor opening a crafted link to their workspace, and an LF is no 500', async () => {
    const cookie = await signIn('ministry@demo.winner.id')
    for (const redirectTo of [...offsite, '/national\n/x']) {
      const res = await fetch(`${app.url}/login?redirectTo=${encodeURIComponent(redirectTo)}`, {
        redirect: 'manual',
        headers: { Cookie: cookie },
      })
      expect(res.status).toBe(302)
      expect(new URL(res.headers.get('location') as string, app.url).origin).toBe(app.url)
    }
  })
})
