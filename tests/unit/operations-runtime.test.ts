import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { ServerBuild } from '@remix-run/node'
import { describe, expect, it } from 'vitest'
import { checkDataDir, diskReason } from '#app/server/data-dir.ts'
import { metricsVisibleTo } from '#app/server/metrics.ts'
import { requestIdFor } from '#app/server/request-log.ts'
import { routeLabeler } from '#app/server/route-label.ts'

// The pure parts of the operations runtime (docs/decisions/018-operations-runtime.md).

const route = (id: string, parentId: string | undefined, extra: { path?: string; index?: boolean }) => ({
  id,
  parentId,
  ...extra,
  module: {},
})

const build = {
  routes: {
    root: route('root', undefined, { path: '' }),
    'routes/_index': route('routes/_index', 'root', { index: true }),
    'routes/login': route('routes/login', 'root', { path: 'login' }),
    'routes/p.$province.apply.$application.submit': route('routes/p.$province.apply.$application.submit', 'root', {
      path: 'p/:province/apply/:application/submit',
    }),
    'routes/$': route('routes/$', 'root', { path: '*' }),
  },
} as unknown as ServerBuild

const req = (remoteAddress: string, headers: http.IncomingHttpHeaders = {}) =>
  ({ socket: { remoteAddress }, headers }) as unknown as http.IncomingMessage

describe('route labels', () => {
  it('names a path by its route id, single-fetch data requests included, never by the URL', () => {
    const label = routeLabeler(build)
    expect(label('/')).toBe('routes/_index')
    expect(label('/_root.data')).toBe('routes/_index')
    expect(label('/login')).toBe('routes/login')
    expect(label('/login.data')).toBe('routes/login')
    expect(label('/p/kalbar/apply/9f0c/submit')).toBe('routes/p.$province.apply.$application.submit')
    expect(label('/what/ever')).toBe('routes/$')
  })

  it('answers from its memory of path shapes exactly as a fresh match would', () => {
    const label = routeLabeler(build)
    // A value that is also a literal elsewhere ("login") still fills a param; ids of any form share one shape.
    for (const id of ['9f0c', '0b7e2c1d-58c4-4d0a-9a53-6d9f3e1b2c4a', 'login', '%7E', '~']) {
      expect(label(`/p/login/apply/${id}/submit`)).toBe('routes/p.$province.apply.$application.submit')
      expect(label(`/p/kalbar/apply/${id}/submit.data`)).toBe('routes/p.$province.apply.$application.submit')
    }
    expect(label('/LOGIN')).toBe('routes/login')
    expect(label('/p/kalbar/apply/9f0c')).toBe('routes/$')
    expect(label('/login/extra')).toBe('routes/$')
  })
})

describe('request ids', () => {
  it('keeps a sane incoming id only behind a trusted proxy', () => {
    const sane = req('127.0.0.1', { 'x-request-id': 'proxy-7f3a9c2e-0001' })
    expect(requestIdFor(sane, true)).toBe('proxy-7f3a9c2e-0001')
    expect(requestIdFor(sane, false)).toMatch(/^[0-9a-f-]{36}$/)
    for (const bad of ['short', 'with space in it', 'x'.repeat(129), 'line\nbreak-1234', 'a@b.id-email-1']) {
      expect(requestIdFor(req('127.0.0.1', { 'x-request-id': bad }), true)).toMatch(/^[0-9a-f-]{36}$/)
    }
  })
})

describe('who may read /metrics', () => {
  it('the bearer of the token, or this machine when no proxy is trusted', () => {
    const token = 'a-long-metrics-token'
    expect(metricsVisibleTo(req('127.0.0.1'), null, false)).toBe(true)
    expect(metricsVisibleTo(req('::1'), token, false)).toBe(true)
    expect(metricsVisibleTo(req('127.0.0.1'), token, true)).toBe(false)
    expect(metricsVisibleTo(req('10.1.2.3'), null, false)).toBe(false)
    expect(metricsVisibleTo(req('10.1.2.3', { authorization: `Bearer ${token}` }), token, true)).toBe(true)
    expect(metricsVisibleTo(req('10.1.2.3', { authorization: 'Bearer a-long-metrics-tokem' }), token, true)).toBe(false)
    expect(metricsVisibleTo(req('10.1.2.3', { authorization: `Basic ${token}` }), token, true)).toBe(false)
  })
})

describe('the data directory at start', () => {
  it('is created when missing, and refused in one line when it cannot be', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'winner-datadir-'))
    try {
      expect(checkDataDir(path.join(dir, 'new', 'data'))).toBeNull()
      const file = path.join(dir, 'a-file')
      writeFileSync(file, 'x')
      expect(checkDataDir(path.join(file, 'data'))).toMatch(/a part of the path is a file, not a directory \(ENOTDIR\)/)
      // A disk with less free space than asked for is "full".
      expect(checkDataDir(dir, Number.MAX_SAFE_INTEGER)).toMatch(/the disk is full \(\d+ MiB free/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('names disk errors, and only those', () => {
    expect(diskReason({ code: 'ENOSPC' })).toBe('the disk is full (ENOSPC)')
    expect(diskReason({ code: 'EROFS' })).toBe('the file system is read-only (EROFS)')
    expect(diskReason({ code: '53100' })).toBe('the disk is full (53100)')
    expect(diskReason({ code: '23505' })).toBeNull()
    expect(diskReason(new Error('boom'))).toBeNull()
  })
})
