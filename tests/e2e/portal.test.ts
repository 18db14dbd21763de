import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type AppProcess, startAppProcess } from '#tests/support/app-process.ts'
import { createDatabase, dropDatabase, testServerUrl, uniqueName } from '#tests/support/databases.ts'
import { hasChromium, launchChromium, skipOrFailWithoutChromium } from './browser.ts'

skipOrFailWithoutChromium('the public portal browser tests')

const provinces = [
  'Banten',
  'Nusa Tenggara Timur',
  'Sumatera Utara',
  'Kalimantan Barat',
  'Jawa Timur',
  'Sulawesi Selatan',
]

const kalbarLeadOpds = [
  'Dinas Pendidikan Provinsi Kalimantan Barat (Disdik)',
  'Dinas Pemberdayaan Perempuan dan Perlindungan Anak Provinsi Kalimantan Barat (DP3A)',
  'Dinas Kesehatan Provinsi Kalimantan Barat (Dinkes)',
  'Dinas Pekerjaan Umum dan Penataan Ruang Provinsi Kalimantan Barat (PUPR)',
  'Badan Perencanaan Pembangunan Daerah Provinsi Kalimantan Barat (Bappeda)',
]

describe.skipIf(!hasChromium)('public portal in a real browser', () => {
  let app: AppProcess
  let browser: Browser
  let dataDir: string | null = null
  let databaseName: string | null = null
  const contexts: BrowserContext[] = []
  let problems: string[] = []
  let consoleErrors: { text: string; url: string }[] = []
  const allowedErrorDocuments = new Set<string>()

  beforeAll(async () => {
    const env: Record<string, string> = {}
    if (testServerUrl) {
      databaseName = uniqueName('winner_e2e')
      env.DATABASE_URL = await createDatabase(testServerUrl, databaseName)
      env.SEED_DEMO = '1'
    } else {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'winner-e2e-'))
      env.DATA_DIR = dataDir
    }
    ;[app, browser] = await Promise.all([startAppProcess({ env }), launchChromium()])
  })

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
    if (databaseName && testServerUrl) await dropDatabase(testServerUrl, databaseName)
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close()
    const found = [
      ...problems,
      ...consoleErrors
        .filter((e) => !allowedErrorDocuments.has(e.url) && !isMissingFavicon(e.url))
        .map((e) => `console: ${e.text} (${e.url})`),
    ]
    problems = []
    consoleErrors = []
    allowedErrorDocuments.clear()
    expect(found, 'console errors, failed requests or scripts').toEqual([])
  })

  // Browsers may still probe /favicon.ico before reading the page's icon link.
  function isMissingFavicon(url: string): boolean {
    return new URL(url).pathname === '/favicon.ico'
  }

  /**
   * A fresh visitor with JavaScript off, whose browser prefers Indonesian unless told.
   * Console errors, page errors, failed or scripted sub-requests fail the test; only a
   * document deliberately answered with `allowStatus` may log its own error status.
   */
  async function newVisitor(options: { locale?: string; allowStatus?: number } = {}): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: options.locale ?? 'id-ID' })
    contexts.push(context)
    const page = await context.newPage()
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push({ text: message.text(), url: message.location().url })
    })
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('requestfailed', (request) => {
      // The icon fetch is cancelled when a test navigates on before it finished.
      if (request.failure()?.errorText === 'net::ERR_ABORTED' && new URL(request.url()).pathname === '/favicon.svg')
        return
      problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`)
    })
    page.on('response', (response) => {
      if (response.status() < 400) return
      if (response.request().resourceType() === 'document' && response.status() === options.allowStatus) {
        allowedErrorDocuments.add(response.url())
      } else {
        problems.push(`HTTP ${response.status()}: ${response.url()}`)
      }
    })
    page.on('request', (request) => {
      if (request.resourceType() === 'script') problems.push(`script requested: ${request.url()}`)
    })
    return page
  }

  async function expectNoScripts(page: Page): Promise<void> {
    expect(await page.locator('script').count(), `<script> on ${page.url()}`).toBe(0)
  }

  it('home page without JavaScript: six provinces, the open call, Indonesian, then English remembered', async () => {
    const page = await newVisitor()
    const response = await page.goto(`${app.url}/`)
    expect(response?.status()).toBe(200)
    expect(await page.locator('html').getAttribute('lang')).toBe('id')
    expect(await page.locator('h1').textContent()).toBe('WiNNER — Kompetisi Wirausaha Sosial untuk Negeri')
    const names = await page.locator('.card .card-title').allTextContents()
    expect([...names].sort()).toEqual([...provinces].sort())

    const kalbar = page.locator('.card', { has: page.getByRole('link', { name: 'Kalimantan Barat', exact: true }) })
    const kalbarCall = await kalbar.locator('.call').textContent()
    expect(kalbarCall).toMatch(/^Pendaftaran dibuka — ditutup \d{1,2} \S+ \d{4},? \d{2}\.\d{2} WIB$/)
    const sulsel = page.locator('.card', { has: page.getByRole('link', { name: 'Sulawesi Selatan', exact: true }) })
    expect(await sulsel.locator('.call').textContent()).toMatch(/^Pendaftaran ditutup .+ WITA$/)
    const banten = page.locator('.card', { has: page.getByRole('link', { name: 'Banten', exact: true }) })
    expect(await banten.locator('.call').textContent()).toMatch(/^Pendaftaran ditutup .+ WIB$/)
    await expectNoScripts(page)

    await Promise.all([page.waitForURL(/\?lng=en$/), page.getByRole('link', { name: 'English', exact: true }).click()])
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.locator('h1').textContent()).toBe('WiNNER — Social Entrepreneurship Competition for the Nation')
    expect(await kalbar.locator('.call').textContent()).toMatch(/^Open — closes .+ WIB$/)
    await expectNoScripts(page)
    const cookies = await page.context().cookies(app.url)
    expect(cookies.find((c) => c.name === 'lng')?.value).toBe('en')

    // The next page, with no ?lng= in its address, still comes in English.
    const next = await page.goto(`${app.url}/p/sulsel`)
    expect(next?.status()).toBe(200)
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.locator('h1').textContent()).toBe('Sulawesi Selatan Province')
    const home = await page.goto(`${app.url}/`)
    expect(home?.status()).toBe(200)
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.getByRole('link', { name: 'Bahasa Indonesia', exact: true }).getAttribute('href')).toBe(
      '/?lng=id',
    )
    await expectNoScripts(page)
  })

  it('the Kalimantan Barat card leads to its five issues with their lead OPDs and times in WIB', async () => {
    const page = await newVisitor()
    await page.goto(`${app.url}/`)
    await Promise.all([
      page.waitForURL(`${app.url}/p/kalbar`),
      page.getByRole('link', { name: 'Kalimantan Barat', exact: true }).click(),
    ])
    expect(await page.locator('html').getAttribute('lang')).toBe('id')
    expect(await page.locator('h1').textContent()).toBe('Provinsi Kalimantan Barat')
    expect(await page.locator('.status-line').textContent()).toMatch(/^Pendaftaran dibuka — ditutup .+ WIB$/)
    const issues = page.locator('ol.issue-cards > li')
    expect(await issues.count()).toBe(5)
    const leads = await issues.locator('.facts li', { hasText: 'OPD penanggung jawab:' }).allTextContents()
    expect([...leads].sort()).toEqual(kalbarLeadOpds.map((opd) => `OPD penanggung jawab: ${opd}`).sort())
    // A registration window: both ends carry the province's zone, Pontianak being WIB.
    expect(await page.locator('ul.plain li').first().textContent()).toMatch(
      /^Pendaftaran: .+ \d{2}\.\d{2} WIB – .+ \d{2}\.\d{2} WIB$/,
    )
    expect(await page.getByText('Waktu ditampilkan dalam zona waktu provinsi (WIB).').count()).toBe(1)
    await expectNoScripts(page)
  })

  it('an unknown province answers 404 with the localised not-found page in both languages', async () => {
    const page = await newVisitor({ allowStatus: 404 })
    const id = await page.goto(`${app.url}/p/atlantis`)
    expect(id?.status()).toBe(404)
    expect(await page.locator('html').getAttribute('lang')).toBe('id')
    expect(await page.locator('h1').textContent()).toBe('Halaman tidak ditemukan')
    expect(await page.title()).toBe('Halaman tidak ditemukan — WiNNER')
    await expectNoScripts(page)

    const en = await page.goto(`${app.url}/p/atlantis?lng=en`)
    expect(en?.status()).toBe(404)
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.locator('h1').textContent()).toBe('Page not found')
    expect(await page.title()).toBe('Page not found — WiNNER')
    await expectNoScripts(page)

    await Promise.all([
      page.waitForURL(`${app.url}/`),
      page.getByRole('link', { name: 'Back to the home page' }).click(),
    ])
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
  })

  it('a visitor whose browser prefers English gets English on the first visit', async () => {
    const page = await newVisitor({ locale: 'en-GB' })
    await page.goto(`${app.url}/`)
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.locator('h1').textContent()).toBe('WiNNER — Social Entrepreneurship Competition for the Nation')
  })
})
