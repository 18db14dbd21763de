import { describe, expect, it } from 'vitest'
import { safeRedirectPath } from '#app/modules/auth/safe-redirect.ts'

describe('safeRedirectPath (open-redirect guard)', () => {
  it('keeps same-site paths with their query and fragment', () => {
    expect(safeRedirectPath('/p/kalbar/apply?x=1#top')).toBe('/p/kalbar/apply?x=1#top')
    expect(safeRedirectPath('/national')).toBe('/national')
  })

  it.each([
    ['tab', '/\t/evil.example/'],
    ['newline', '/\n/evil.example/'],
    ['carriage return', '/\r/evil.example/'],
    ['protocol-relative', '//evil.example/'],
    ['backslash', '/\\evil.example/'],
    ['two backslashes', '/\\\\evil.example/'],
    ['dot segment then //', '/.//evil.example/'],
    ['parent segment then //', '/a/..//evil.example/'],
    ['dot segment then backslash', '/./\\evil.example/'],
    ['javascript:', 'javascript:alert(1)'],
    ['absolute URL', 'https://evil.example/'],
    ['relative path', 'evil.example'],
  ])('refuses a target that leaves the site (%s)', (_, target) => {
    expect(safeRedirectPath(target, '/home')).toBe('/home')
  })

  it('keeps encoded slashes as encoded path characters, never as a host', () => {
    expect(safeRedirectPath('/%2F%2Fevil.example/')).toBe('/%2F%2Fevil.example/')
    expect(safeRedirectPath('/%5Cevil.example/')).toBe('/%5Cevil.example/')
  })

  it('never returns control characters (a raw LF would break the Location header)', () => {
    expect(safeRedirectPath('/national\n/x')).toBe('/national/x')
    expect(safeRedirectPath('/a b')).toBe('/a%20b')
  })

  it('falls back on nothing at all', () => {
    expect(safeRedirectPath(undefined, '/home')).toBe('/home')
    expect(safeRedirectPath('', '/home')).toBe('/home')
  })
})
