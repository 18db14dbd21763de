import { HttpResponse, http } from 'msw'
import { describe, expect, it } from 'vitest'
import { mockServer } from '#tests/mocks/network.ts'
import { takeConsoleErrors } from '#tests/support/fail-on-console-error.ts'

describe('outbound network in tests', () => {
  it('answers a mocked third-party call', async () => {
    mockServer.use(http.get('https://jippnas.example.test/ping', () => HttpResponse.json({ ok: true })))
    const res = await fetch('https://jippnas.example.test/ping')
    expect(await res.json()).toEqual({ ok: true })
  })

  it('refuses, loudly, a call nobody mocked', async () => {
    await expect(fetch('https://unmocked.example.test/')).rejects.toThrow()
    expect(takeConsoleErrors(/without a matching request handler/)).toBe(1)
  })
})
