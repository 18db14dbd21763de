import { mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { it } from 'vitest'
import { startAppProcess } from '#tests/support/app-process.ts'
import { launchChromium } from '#tests/e2e/browser.ts'

it('debug', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'winner-dbg-'))
  const [app, browser] = await Promise.all([startAppProcess({ env: { DATA_DIR: dataDir, DEV_MAILBOX: '1', SEED_DEMO: '1' } }), launchChromium()])
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'id-ID' })
  const page = await context.newPage()
  page.on('request', (r) => { if (r.resourceType() === 'document') console.log('REQ', r.method(), r.url(), r.postData()) })
  page.on('response', (r) => { if (r.request().resourceType() === 'document') console.log('RES', r.status(), r.url()) })
  await page.goto(`${app.url}/login`)
  await page.getByLabel('Email', { exact: true }).fill('bappeda.kalbar@demo.winner.id')
  await page.getByLabel('Kata sandi', { exact: true }).fill('winner-demo-2023')
  await Promise.all([page.waitForURL(/manage/), page.getByRole('button', { name: 'Masuk', exact: true }).click()])
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Undang penilai OPD' }) })
  console.log(await form.evaluate((f) => f.outerHTML))
  await form.getByLabel('Nama', { exact: true }).fill('X Y')
  await form.getByLabel('Email', { exact: true }).fill('xy@e2e.example.id')
  await form.getByLabel('OPD', { exact: true }).selectOption({ label: 'Dinkes — Dinas Kesehatan Provinsi Kalimantan Barat' })
  await form.getByRole('button', { name: 'Kirim undangan' }).click()
  await page.waitForTimeout(1000)
  console.log(await page.locator('main').innerText())
  await browser.close(); await app.stop()
}, 60000)
