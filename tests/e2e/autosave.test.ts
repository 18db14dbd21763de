import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '#db/seed/demo-accounts.ts'
import { hasChromium, skipOrFailWithoutChromium } from './browser.ts'
import { useE2eSession } from './session.ts'

// Autosave and live counters on an application section (issue 6), in Indonesian on a
// phone-sized screen. Apply pages are not hydrated: the small enhancement script does
// this (docs/decisions/005-apply-pages-without-hydration.md).

skipOrFailWithoutChromium('the autosave browser test')

const kalbarApplicant = 'applicant.kalbar@demo.winner.id'
const patience = { timeout: 15_000 }
const phone = { width: 360, height: 740 }

describe.skipIf(!hasChromium)('autosave on a phone', () => {
  const e2e = useE2eSession()
  const { newPage, open } = e2e

  async function signIn(page: Page): Promise<void> {
    await open(page, '/login')
    await page.getByLabel('Email', { exact: true }).fill(kalbarApplicant)
    await page.getByLabel('Kata sandi', { exact: true }).fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Masuk', exact: true }).click()
    // Signing in lands on the workspace, loaded as a document: React is gone from the page.
    await page.waitForURL(/\/p\/kalbar\/apply$/, patience)
    await page.waitForFunction(() => document.querySelector('script[type="module"]') === null, null, patience)
    await page.getByRole('heading', { level: 1 }).waitFor()
  }

  /** The applicant's draft: a profile first if there is none, then a new application. */
  async function openDraft(page: Page): Promise<string> {
    if ((await page.getByRole('link', { name: 'Lengkapi profil usaha' }).count()) > 0) {
      await open(page, '/p/kalbar/apply/profile')
      await page.getByLabel('Nama organisasi atau usaha').fill('Koperasi Tenun Sintang')
      await page.getByLabel('Bentuk badan usaha').selectOption({ index: 1 })
      await page.getByLabel('Tahap usaha').selectOption({ index: 1 })
      await page.getByLabel('Alamat').fill('Jl. Lintas Melawi, Sintang')
      await page.getByRole('button', { name: 'Simpan profil' }).click()
      await page.waitForURL(/done=created/, patience)
      await open(page, '/p/kalbar/apply')
    }
    const existing = page.locator('main ul a[href^="/p/kalbar/apply/"]').first()
    if ((await existing.count()) > 0) {
      const href = (await existing.getAttribute('href')) ?? ''
      await open(page, `${href}/problem`)
    } else {
      await page.getByLabel('Isu daerah').selectOption({ index: 1 })
      await page.getByRole('button', { name: 'Mulai proposal' }).click()
      await page.waitForURL(/\/problem$/, patience)
    }
    return new URL(page.url()).pathname
  }

  it('types into a section, sees "Tersimpan", and finds the text after a reload; counters follow typing', async () => {
    const page = await newPage(true)
    await page.setViewportSize(phone)
    await signIn(page)
    const path = await openDraft(page)
    expect(path).toMatch(/^\/p\/kalbar\/apply\/[0-9a-f-]{36}\/problem$/)

    // No React on this page: only the enhancement script.
    expect(await page.locator('script[type="module"]').count()).toBe(0)
    expect(await page.locator('script[src^="/assets/enhance-"]').count()).toBe(1)

    const field = page.getByLabel('Pernyataan masalah')
    const counter = page.locator('[data-counter-for="section-problem-problem"]')
    await field.fill('')
    await expect.poll(() => counter.textContent(), patience).toBe('0 / 3.000 karakter')
    expect(await counter.isVisible()).toBe(true)

    const typed = 'Penenun di Sintang menjual kain lewat tengkulak dengan harga rendah.'
    await field.pressSequentially(typed, { delay: 5 })
    expect(await counter.textContent()).toBe(`${typed.length} / 3.000 karakter`)

    const status = page.locator('[data-autosave-status]')
    expect(await status.getAttribute('aria-live')).toBe('polite')
    await expect.poll(() => status.textContent(), patience).toMatch(/^Tersimpan pukul \d{2}\.\d{2}$/)

    await page.reload()
    expect(await page.getByLabel('Pernyataan masalah').inputValue()).toBe(typed)
    await expect.poll(() => counter.textContent(), patience).toBe(`${typed.length} / 3.000 karakter`)
  })

  it('without JavaScript the counters stay hidden and the limit is still shown', async () => {
    const page = await newPage(false)
    await page.setViewportSize(phone)
    await signIn(page)
    const path = await openDraft(page)
    await open(page, path)
    expect(await page.getByText('maks. 3.000 karakter').isVisible()).toBe(true)
    expect(await page.locator('[data-counter-for="section-problem-problem"]').isVisible()).toBe(false)
  })

  it('without JavaScript, a save after the session expired keeps the input across signing in', async () => {
    const page = await newPage(false)
    await page.setViewportSize(phone)
    await signIn(page)
    const path = await openDraft(page)
    await open(page, path)
    // The session ends while they type (idle timeout, or signed out in another tab).
    await page.context().clearCookies({ name: 'winner_session' })
    const typed = 'Ditulis di angkot; sesinya sudah habis waktu saya menekan Simpan.'
    await page.getByLabel('Pernyataan masalah').fill(typed)
    await page.getByRole('button', { name: 'Simpan', exact: true }).click()

    await page.waitForURL(/\/login\?redirectTo=/, patience)
    expect(await page.getByText('Yang Anda ketik sudah kami simpan').isVisible()).toBe(true)
    await page.getByLabel('Email', { exact: true }).fill(kalbarApplicant)
    await page.getByLabel('Kata sandi', { exact: true }).fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Masuk', exact: true }).click()

    await page.waitForURL((url) => url.pathname === path, patience)
    expect(await page.getByLabel('Pernyataan masalah').inputValue()).toBe(typed)
    expect(await page.getByText('Kami menyimpan yang Anda ketik').isVisible()).toBe(true)
    await page.getByRole('button', { name: 'Simpan', exact: true }).click()
    await page.waitForURL(/\?saved=1$/, patience)
    expect(await page.getByLabel('Pernyataan masalah').inputValue()).toBe(typed)
    expect(await page.getByText('Kami menyimpan yang Anda ketik').count()).toBe(0)
  })
})
