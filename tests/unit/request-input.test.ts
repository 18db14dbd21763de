import { describe, expect, it } from 'vitest'
import { formKind, formProblem, inputErrorStatus, urlProblem } from '#app/server/request-input.ts'

const bytes = (s: string) => new Uint8Array(Buffer.from(s))
const B = 'b0undary'
const multipart = `multipart/form-data; boundary=${B}`

describe('the malformed-input rule', () => {
  it('refuses a NUL anywhere in the address, raw or encoded', () => {
    expect(urlProblem('/p/kalbar/manage/applications?q=a%00b')).toBe('nullInUrl')
    expect(urlProblem('/p/kal%00bar')).toBe('nullInUrl')
    expect(urlProblem('/x?q=\0')).toBe('nullInUrl')
    expect(urlProblem('/p/kalbar/manage/applications?q=100%25')).toBeNull()
  })

  it('knows only the two form encodings', () => {
    expect(formKind('application/x-www-form-urlencoded;charset=UTF-8')).toBe('urlencoded')
    expect(formKind(`Multipart/Form-Data; boundary=${B}`)).toBe('multipart')
    expect(formKind('multipart/form-data')).toBeNull()
    expect(formKind('application/json')).toBeNull()
    expect(formKind('text/plain')).toBeNull()
    expect(formKind(undefined)).toBeNull()
  })

  it('checks a form body the way the platform parses it', async () => {
    const ok = `--${B}\r\nContent-Disposition: form-data; name="f"; filename="a=b.pdf"\r\n\r\n%PDF-\0\r\n--${B}--\r\n`
    expect(await formProblem(multipart, bytes(ok))).toBeNull()
    expect(await formProblem(multipart, bytes(ok.slice(0, -8)))).toBe('malformedForm')
    const nulName = `--${B}\r\nContent-Disposition: form-data; name="f"; filename="a\0.pdf"\r\n\r\nx\r\n--${B}--\r\n`
    expect(await formProblem(multipart, bytes(nulName))).toBe('nullInForm')
    const urlencoded = 'application/x-www-form-urlencoded'
    expect(await formProblem(urlencoded, bytes('name=a%00b'))).toBe('nullInForm')
    expect(await formProblem(urlencoded, bytes('na%00me=ab'))).toBe('nullInForm')
    expect(await formProblem(urlencoded, bytes('name=a+b&q=100%25'))).toBeNull()
  })

  it('maps what slips past it to 4xx: PostgreSQL data exceptions and unreadable forms', () => {
    expect(inputErrorStatus(Object.assign(new Error('bad byte'), { code: '22021' }), 'POST')).toBe(400)
    expect(inputErrorStatus(Object.assign(new Error('invalid uuid'), { code: '22P02' }), 'GET')).toBe(404)
    expect(inputErrorStatus(Object.assign(new Error('invalid uuid'), { code: '22P02' }), 'POST')).toBe(400)
    expect(inputErrorStatus(new TypeError('Failed to parse body as FormData.'), 'POST')).toBe(400)
    expect(inputErrorStatus(Object.assign(new Error('unique'), { code: '23505' }), 'POST')).toBeNull()
    expect(inputErrorStatus(new Error('boom'), 'GET')).toBeNull()
  })
})
