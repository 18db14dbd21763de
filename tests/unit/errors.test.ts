import type { ServerBuild } from '@remix-run/node'
import { describe, expect, it } from 'vitest'
import {
  forbidden,
  found,
  idParam,
  invalid,
  invariant,
  isNotFound,
  isRefused,
  notFound,
  refusal,
  refused,
  slugParam,
} from '#app/modules/errors/errors.ts'
import { errorAnswer, withErrorAnswers } from '#app/server/error-answers.ts'

describe('the error vocabulary', () => {
  it('gives a refusal its status: 409 by default, 400 on a field or when invalid, 403 when forbidden', () => {
    expect(refused('a:b').status).toBe(409)
    expect(refused('a:b', { field: 'name' }).status).toBe(400)
    expect(refused('a:b', { status: 400 }).field).toBeUndefined()
    expect(invalid('a:b', 'name')).toMatchObject({ key: 'a:b', status: 400, field: 'name' })
    expect(forbidden()).toMatchObject({ key: 'errors.forbiddenBody', status: 403 })
  })

  it('turns a refusal into conform reply options, on its fields or on the whole form', () => {
    expect(refused('x:taken', { field: 'slug', fields: { bps_code: 'x:bps' } }).replyOptions()).toEqual({
      formErrors: [],
      fieldErrors: { slug: ['x:taken'], bps_code: ['x:bps'] },
    })
    expect(refused('x:state').replyOptions()).toEqual({ formErrors: ['x:state'], fieldErrors: {} })
  })

  it('answers 404 for a URL id that is not a UUID or a slug that cannot exist', () => {
    const id = '0B2E9C1A-3F4D-4E5F-8A6B-7C8D9E0F1A2B'
    expect(idParam({ application: id }, 'application')).toBe(id.toLowerCase())
    for (const bad of [undefined, '', '1', `${id}x`, "1' or 1=1"]) {
      expect(() => idParam({ application: bad }, 'application')).toThrow(expect.objectContaining({ status: 404 }))
    }
    expect(slugParam({ edition: 'winner-2023' }, 'edition')).toBe('winner-2023')
    expect(() => slugParam({ edition: '../x' }, 'edition')).toThrow(expect.objectContaining({ status: 404 }))
  })

  it('has invariant and found answer 404 unless told otherwise', () => {
    expect(found(0)).toBe(0)
    expect(() => found(null)).toThrow(expect.objectContaining({ status: 404 }))
    expect(() => invariant(false)).toThrow(expect.objectContaining({ status: 404 }))
    expect(() => invariant(false, refused('x:y'))).toThrow(expect.objectContaining({ status: 409, key: 'x:y' }))
    expect(() => invariant(true)).not.toThrow()
  })

  it('lets a route catch only refusals: anything else is thrown on', () => {
    const no = refused('x:y')
    expect(refusal(no)).toBe(no)
    const missing = notFound()
    expect(() => refusal(missing)).toThrow(missing)
    const bug = new TypeError('bug')
    expect(() => refusal(bug)).toThrow(bug)
  })

  it('recognises errors made by another copy of the module (the built bundle) by their brand', () => {
    const foreign = Object.defineProperty(new Error('x'), Symbol.for('winner.notFound'), { value: true })
    expect(isNotFound(foreign)).toBe(true)
    expect(isRefused(foreign)).toBe(false)
  })
})

describe('the server seam', () => {
  it('answers NotFound with 404 and an uncaught refusal with its status and key; a bug stays a bug', async () => {
    const missing = errorAnswer(notFound('call'))
    expect(missing?.status).toBe(404)
    const no = errorAnswer(refused('calls:errors.deletePublished'))
    expect(no?.status).toBe(409)
    expect(await no?.json()).toEqual({ refused: 'calls:errors.deletePublished' })
    expect(errorAnswer(new Error('bug'))).toBeNull()
  })

  it('wraps every loader and action of a build, once, keeping the rest of each module', async () => {
    const build = {
      routes: {
        'routes/a': {
          id: 'routes/a',
          path: 'a',
          module: {
            loader: async () => {
              throw notFound()
            },
            action: async () => {
              throw forbidden()
            },
            default: () => null,
          },
        },
        'routes/b': { id: 'routes/b', path: 'b', module: { loader: () => ({ ok: true }) } },
      },
    } as unknown as ServerBuild
    const wrapped = withErrorAnswers(build)
    expect(withErrorAnswers(build)).toBe(wrapped)
    const a = wrapped.routes['routes/a']?.module
    const args = {} as never
    await expect(a?.loader?.(args)).rejects.toMatchObject({ status: 404 })
    await expect(a?.action?.(args)).rejects.toMatchObject({ status: 403 })
    expect(a?.default).toBe(build.routes['routes/a']?.module.default)
    await expect(wrapped.routes['routes/b']?.module.loader?.(args)).resolves.toEqual({ ok: true })
  })
})
