import { describe, expect, it } from 'vitest'
import { measurementSchema } from '#app/modules/impact/impact.schema.ts'
import {
  canDecide,
  changeFromBaseline,
  latestConfirmed,
  measuredOnAllowed,
  parseIndicatorNumber,
  progressPercent,
  progressTowards,
} from '#app/modules/impact/impact-rules.ts'
import { INDONESIA, provincePlace } from '#app/modules/replication/province-places.ts'
import { provinceReplicationSchema } from '#app/modules/replication/replication.schema.ts'
import { canMove, needsChanges, nextStatuses } from '#app/modules/replication/replication-rules.ts'
import { linear, lineGeometry, niceTicks, project } from '#app/ui/chart-geometry.ts'

// Issue 15's pure rules: replication forms and statuses, reading indicator numbers,
// progress against a baseline, and the geometry of the server-rendered charts.

describe('replication rules', () => {
  it('an adaptation or a modification says what changed; an adoption need not', () => {
    expect(needsChanges('adoption')).toBe(false)
    expect(needsChanges('adaptation')).toBe(true)
    expect(needsChanges('modification')).toBe(true)
  })

  it('statuses move forward only; completed and stopped are final', () => {
    expect(nextStatuses('planned')).toEqual(['running', 'stopped'])
    expect(canMove('running', 'completed')).toBe(true)
    expect(canMove('completed', 'running')).toBe(false)
    expect(canMove('stopped', 'running')).toBe(false)
    expect(nextStatuses('completed')).toEqual([])
  })

  it('the form refuses an adaptation without changes and a contact without email or phone', () => {
    const base = {
      intent: 'record',
      innovation: '3f6a2d1e-8b4c-4e7a-9d2f-1c5b7e9a0d34',
      form: 'adaptation',
      agencyName: 'Dinas Pendidikan Kabupaten Kapuas Hulu',
      startedOn: '2024-02-30',
      status: 'running',
      contactName: 'Yohanes',
    }
    const r = provinceReplicationSchema.safeParse(base)
    expect(r.success).toBe(false)
    const paths = r.success ? [] : r.error.issues.map((i) => i.path.join('.'))
    expect(paths.sort()).toEqual(['changes', 'contactEmail', 'startedOn'])
    const ok = provinceReplicationSchema.safeParse({
      ...base,
      form: 'adoption',
      startedOn: '2024-02-29',
      contactPhone: '+62 812 3456 7890',
    })
    expect(ok.success).toBe(true)
  })

  it('every province has a place inside the map’s bounds; unknown codes have none', () => {
    for (const code of ['11', '31', '53', '61', '73', '94']) {
      const p = provincePlace(code)
      expect(p).not.toBeNull()
      expect(p?.lon).toBeGreaterThanOrEqual(INDONESIA.west)
      expect(p?.lon).toBeLessThanOrEqual(INDONESIA.east)
      expect(p?.lat).toBeGreaterThanOrEqual(INDONESIA.south)
      expect(p?.lat).toBeLessThanOrEqual(INDONESIA.north)
    }
    expect(provincePlace('99')).toBeNull()
  })
})

describe('impact rules', () => {
  it('reads the numbers applicants type, the Indonesian way', () => {
    expect(parseIndicatorNumber('50')).toBe(50)
    expect(parseIndicatorNumber('12,5')).toBe(12.5)
    expect(parseIndicatorNumber('1.200 siswa')).toBe(1200)
    expect(parseIndicatorNumber('27,8%')).toBe(27.8)
    expect(parseIndicatorNumber('12.5')).toBe(12.5)
    expect(parseIndicatorNumber('1.234.567,5')).toBe(1234567.5)
    expect(parseIndicatorNumber('belum ada')).toBeNull()
  })

  it('progress runs from baseline (0) to target (1), also for targets below the baseline', () => {
    expect(progressTowards(50, 400, 225)).toBeCloseTo(0.5)
    expect(progressTowards(27.8, 14, 20.9)).toBeCloseTo(0.5)
    expect(progressTowards(50, null, 80)).toBeNull()
    expect(progressTowards(50, 50, 80)).toBeNull()
    expect(progressPercent(1.6)).toBe(100)
    expect(progressPercent(-0.2)).toBe(0)
    expect(progressPercent(0.333)).toBe(33)
  })

  it('a change is an improvement when it goes the way of the target (up without one)', () => {
    expect(changeFromBaseline(50, 400, 120)).toEqual({ change: 70, improving: true })
    expect(changeFromBaseline(27.8, 14, 30)).toMatchObject({ improving: false })
    expect(changeFromBaseline(12, null, 10)).toEqual({ change: -2, improving: false })
    expect(changeFromBaseline(12, null, 12)).toEqual({ change: 0, improving: null })
  })

  it('only confirmed measurements count, the latest by date then entry; only entered ones are decided', () => {
    const m = (status: 'entered' | 'confirmed' | 'returned', measured_on: string, at: number) => ({
      status,
      measured_on,
      entered_at: new Date(at),
    })
    const list = [m('confirmed', '2024-01-31', 1), m('confirmed', '2024-03-31', 2), m('entered', '2024-06-30', 3)]
    expect(latestConfirmed(list)?.measured_on).toBe('2024-03-31')
    expect(latestConfirmed([m('returned', '2024-01-01', 1)])).toBeNull()
    expect([canDecide('entered'), canDecide('confirmed'), canDecide('returned')]).toEqual([true, false, false])
    expect(measuredOnAllowed('2024-03-31', '2024-04-01', '2023-10-18')).toBe(true)
    expect(measuredOnAllowed('2024-04-02', '2024-04-01', '2023-10-18')).toBe(false)
    expect(measuredOnAllowed('2023-10-17', '2024-04-01', '2023-10-18')).toBe(false)
  })

  it('the measurement form reads "1.250" and "27,5" and refuses words', () => {
    const parse = (value: string) =>
      measurementSchema.safeParse({
        intent: 'measure',
        indicator: 'app:3f6a2d1e-8b4c-4e7a-9d2f-1c5b7e9a0d34',
        value,
        measuredOn: '2024-03-31',
        source: 'Laporan bulanan',
      })
    const value = (v: string) => {
      const r = parse(v)
      return r.success ? r.data.value : null
    }
    expect(value('1.250')).toBe(1250)
    expect(value('27,5')).toBe(27.5)
    expect(value('-3')).toBe(-3)
    expect(value('banyak')).toBeNull()
  })
})

describe('chart geometry', () => {
  const box = { width: 200, height: 100, pad: { top: 10, right: 10, bottom: 10, left: 10 } }

  it('nice ticks cover the range with round steps', () => {
    expect(niceTicks(50, 400)).toEqual([0, 100, 200, 300, 400])
    expect(niceTicks(0.1, 0.9)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1])
    expect(niceTicks(12, 12)).toEqual([5, 10, 15, 20])
    expect(niceTicks(Number.NaN, 1)).toEqual([])
  })

  it('a linear map sends the domain onto the range; a zero-width domain to the middle', () => {
    expect(linear(0, 10, 0, 100)(5)).toBe(50)
    expect(linear(0, 10, 100, 0)(10)).toBe(0)
    expect(linear(3, 3, 0, 100)(3)).toBe(50)
  })

  it('places points by date and value, references at their heights, inside the plot', () => {
    const g = lineGeometry(
      [
        { at: 2, value: 300 },
        { at: 0, value: 100 },
        { at: 1, value: 200 },
      ],
      [50, 400],
      box,
    )
    // Sorted by `at`, left to right, rising.
    expect(g.points.map((p) => p.x)).toEqual([18, 100, 182])
    expect(g.points[0]?.y).toBeGreaterThan(g.points[2]?.y ?? 0)
    expect(g.path.startsWith('M18 ')).toBe(true)
    expect(g.path.split('L')).toHaveLength(3)
    // Ticks 0..400: 0 at the bottom of the plot, 400 at the top; the target line at the top.
    expect(g.yTicks[0]).toEqual({ value: 0, y: 90 })
    expect(g.yTicks[g.yTicks.length - 1]).toEqual({ value: 400, y: 10 })
    expect(g.references).toEqual([{ y: 80 }, { y: 10 }])
    for (const p of g.points) {
      expect(p.y).toBeGreaterThanOrEqual(g.plot.top)
      expect(p.y).toBeLessThanOrEqual(g.plot.bottom)
    }
  })

  it('a single point sits in the middle; an empty series still draws its references', () => {
    expect(lineGeometry([{ at: 5, value: 10 }], [], box).points[0]?.x).toBe(100)
    const empty = lineGeometry([], [12], box)
    expect(empty.points).toEqual([])
    expect(empty.path).toBe('')
    expect(empty.references).toHaveLength(1)
  })

  it('projects longitude and latitude into the box, north up, clamping outside points', () => {
    const bounds = { west: 100, east: 120, south: -10, north: 10 }
    expect(project(110, 0, bounds, box)).toEqual({ x: 100, y: 50 })
    expect(project(100, 10, bounds, box)).toEqual({ x: 10, y: 10 })
    expect(project(150, -40, bounds, box)).toEqual({ x: 190, y: 90 })
  })
})
