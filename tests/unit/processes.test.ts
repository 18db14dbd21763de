import { describe, expect, it } from 'vitest'
import { restartDelay } from '#app/server/cluster.ts'
import { admissionShare, loadConfig } from '#app/server/config.ts'

// How many server processes `npm start` runs (docs/decisions/023-one-process-per-core.md).
const pg = { NODE_ENV: 'production', DATABASE_URL: 'postgres://web@pgbouncer:6432/winner' }

describe('server processes', () => {
  it('runs one per core on PostgreSQL, listening for invalidations on DATABASE_URL', () => {
    expect(loadConfig(pg, 2)).toMatchObject({ processes: 2, oneProcessReason: null, listenUrl: pg.DATABASE_URL })
    expect(loadConfig({ ...pg, APP_PROCESSES: '3' }, 2).processes).toBe(3)
    expect(loadConfig({ ...pg, APP_PROCESSES: '1' }, 2).processes).toBe(1)
    expect(loadConfig(pg, 1)).toMatchObject({ processes: 1, oneProcessReason: 'one core: one process' })
  })

  it('keeps one process on the embedded database and says so, whatever APP_PROCESSES asks', () => {
    expect(loadConfig({ NODE_ENV: 'production' }, 8)).toMatchObject({
      processes: 1,
      oneProcessReason: 'embedded database: one process',
      listenUrl: null,
    })
    expect(loadConfig({ APP_PROCESSES: '4' }, 8).oneProcessReason).toBe(
      'embedded database: one process (APP_PROCESSES=4 ignored)',
    )
    expect(loadConfig({ DATABASE_URL: pg.DATABASE_URL }, 8)).toMatchObject({ processes: 1 })
  })

  it('behind a transaction pooler listens on DATABASE_OWNER_URL, and without it keeps one process', () => {
    const pooled = { ...pg, DATABASE_POOLER: 'transaction' }
    const owner = 'postgres://owner@db-primary:5432/winner'
    expect(loadConfig({ ...pooled, DATABASE_OWNER_URL: owner }, 4)).toMatchObject({ processes: 4, listenUrl: owner })
    expect(loadConfig(pooled, 4)).toMatchObject({ processes: 1, listenUrl: null })
    expect(() => loadConfig({ ...pooled, APP_PROCESSES: '2' }, 4)).toThrow(/APP_PROCESSES.*DATABASE_OWNER_URL/)
  })

  it('restarts a dead worker at once after a good run, then backs off while it keeps dying', () => {
    expect([0, 1, 2, 3, 4, 6, 20].map(restartDelay)).toEqual([0, 1000, 2000, 4000, 8000, 30_000, 30_000])
  })

  it('admits what was configured for the whole instance, each worker its share', () => {
    // Unset: what the instance's pools hold (every process has DB_POOL_SIZE), so each worker keeps its pool's worth.
    const defaults = loadConfig({ ...pg, APP_PROCESSES: '2' }, 2).admission
    expect(defaults).toMatchObject({ maxInFlight: 20, maxQueue: 160 })
    expect([0, 1].map((slot) => admissionShare(defaults, 2, slot))).toEqual([
      { maxInFlight: 10, maxQueue: 80, maxWaitMs: 1000, retryAfterS: 5 },
      { maxInFlight: 10, maxQueue: 80, maxWaitMs: 1000, retryAfterS: 5 },
    ])
    // Configured: divided, the first slots taking the remainder, adding up to the figure.
    const set = loadConfig({ ...pg, APP_PROCESSES: '3', ADMISSION_MAX_IN_FLIGHT: '10', ADMISSION_MAX_QUEUE: '4' }, 2)
    const shares = [0, 1, 2].map((slot) => admissionShare(set.admission, 3, slot))
    expect(shares.map((s) => [s.maxInFlight, s.maxQueue])).toEqual([
      [4, 2],
      [3, 1],
      [3, 1],
    ])
    // At least one request in flight per process; no queue stays no queue.
    const tiny = loadConfig({ ...pg, APP_PROCESSES: '4', ADMISSION_MAX_IN_FLIGHT: '2', ADMISSION_MAX_QUEUE: '0' }, 2)
    expect([0, 3].map((slot) => admissionShare(tiny.admission, 4, slot).maxInFlight)).toEqual([1, 1])
    expect(admissionShare(tiny.admission, 4, 3).maxQueue).toBe(0)
    // The only process takes everything (the embedded database, APP_PROCESSES=1).
    expect(admissionShare(loadConfig({}).admission, 1, null)).toEqual(loadConfig({}).admission)
  })
})
