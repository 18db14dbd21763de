import { describe, expect, it } from 'vitest'
import { DEMO_PASSWORD } from '#db/seed/demo-accounts.ts'
import { hasChromium, skipOrFailWithoutChromium } from './browser.ts'
import { useE2eSession } from './session.ts'

skipOrFailWithoutChromium('the phone layout test')

// Layout only a browser can judge (issue 13): on a phone the screening decision's radios
// sit right next to their labels instead of taking the whole width apart from them.
const phone = { viewport: { width: 360, height: 740 }, isMobile: true }

describe.skipIf(!hasChromium)('on a phone', () => {
  const e2e = useE2eSession()
  const { newPage, open } = e2e

  it('the eligible / not eligible radios sit on the line of their labels', async () => {
    const page = await newPage(false, phone)
    await open(page, '/login')
    await page.getByLabel('Email', { exact: true }).fill('bappeda.kalbar@demo.winner.id')
    await page.getByLabel('Kata sandi', { exact: true }).fill(DEMO_PASSWORD)
    await Promise.all([
      page.waitForURL(`${e2e.app.url}/p/kalbar/manage`),
      page.getByRole('button', { name: 'Masuk', exact: true }).click(),
    ])
    await open(page, '/p/kalbar/manage/screening')
    const radios = page.locator('input[type="radio"][name="decision"]')
    expect(await radios.count()).toBeGreaterThan(0)
    for (const radio of (await radios.all()).slice(0, 2)) {
      const label = radio.locator('xpath=ancestor::label[1]')
      const [r, l] = [await radio.boundingBox(), await label.boundingBox()]
      if (!r || !l) throw new Error('radio or label not laid out')
      expect(r.width).toBeLessThan(40)
      // One line: the radio's middle lies within the label's box, the label is one line high.
      expect(r.y + r.height / 2).toBeGreaterThan(l.y)
      expect(r.y + r.height / 2).toBeLessThan(l.y + l.height)
      expect(l.height).toBeLessThan(2.5 * r.height + 16)
    }
  })
})
