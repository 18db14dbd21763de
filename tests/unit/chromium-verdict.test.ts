import { describe, expect, it } from 'vitest'
import { chromiumVerdict } from '../e2e/browser.ts'

// A browser suite that skips for want of Chromium must not pass unseen in CI.
describe('whether the browser tests run, skip or fail', () => {
  it('runs wherever Chromium is installed, CI or not', () => {
    expect(chromiumVerdict(true, {})).toBe('run')
    expect(chromiumVerdict(true, { CI: 'true' })).toBe('run')
  })

  it('skips without Chromium on a developer machine', () => {
    expect(chromiumVerdict(false, {})).toBe('skip')
    expect(chromiumVerdict(false, { CI: '' })).toBe('skip')
    expect(chromiumVerdict(false, { CI: 'false' })).toBe('skip')
    expect(chromiumVerdict(false, { CI: '0' })).toBe('skip')
  })

  it('fails without Chromium under CI', () => {
    expect(chromiumVerdict(false, { CI: 'true' })).toBe('fail')
    expect(chromiumVerdict(false, { CI: '1' })).toBe('fail')
  })
})
