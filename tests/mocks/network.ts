import { setupServer } from 'msw/node'
import { afterAll, beforeAll } from 'vitest'

// Third-party HTTP (JIPPNas, mail and WhatsApp gateways) is mocked per vendor in
// tests/mocks/<vendor>.ts and registered with `mockServer.use(...)`. Anything not
// mocked fails the test, except our own app on loopback (e2e and page tests).
export const mockServer = setupServer()

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

beforeAll(() => {
  mockServer.listen({
    onUnhandledRequest(request, print) {
      if (LOOPBACK.has(new URL(request.url).hostname)) return
      print.error()
    },
  })
})

afterAll(() => {
  mockServer.close()
})
