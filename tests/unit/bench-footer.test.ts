import { describe, expect, it } from 'vitest'
import { envNumber, reportFooter } from '#tests/bench/bench-app.ts'

// The lines every server bench's report ends with (tests/bench/bench-app.ts): the README's
// sections quote them, and a FAIL must never read as a pass.

const machine = { cpus: 2, node: 'v20.20.2' }

describe('the report footer', () => {
  it('prints the load average before and after, the machine, the warnings and a pass', () => {
    expect(
      reportFooter({
        loadAverage: { before: [1.5, 1, 0.5], after: [2.25, 1.2, 0.6] },
        machine,
        setup: ['not pinned', 'PostgreSQL at 127.0.0.1:5432'],
        warnings: ['the machine was busy before the run (load average 1.50 on 2 cores)'],
        failed: [],
        passed: 'every answer was right',
      }),
    ).toBe(
      [
        '',
        'load average (1/5/15 min) before: 1.50 / 1.00 / 0.50; after: 2.25 / 1.20 / 0.60',
        'machine: 2 CPUs, node v20.20.2; not pinned; PostgreSQL at 127.0.0.1:5432',
        'WARNING: the machine was busy before the run (load average 1.50 on 2 cores)',
        'verdict: every answer was right',
      ].join('\n'),
    )
  })

  it('names a reading before the load, or only the end, and lists what failed', () => {
    const surge = reportFooter({
      loadAverage: { beforeLoad: [2, 2.2, 1.3], after: [3.1, 2.4, 1.4] },
      machine,
      failed: ['1 lost writes', '2 receipt problems'],
      passed: 'PASS',
    })
    expect(surge).toContain(
      'load average (1/5/15 min) before the load: 2.00 / 2.20 / 1.30; at the end: 3.10 / 2.40 / 1.40',
    )
    expect(surge).toContain('verdict: FAIL\n- 1 lost writes\n- 2 receipt problems')
    expect(surge).not.toContain('PASS')
    expect(reportFooter({ loadAverage: { after: [0.5, 0.4, 0.3] }, machine, failed: [], passed: 'PASS' })).toContain(
      'load average (1/5/15 min) at the end: 0.50 / 0.40 / 0.30',
    )
    expect(reportFooter({ machine, failed: [], passed: 'PASS' })).toBe(
      '\nmachine: 2 CPUs, node v20.20.2\nverdict: PASS',
    )
  })
})

describe('a bench knob', () => {
  it('falls back when unset and refuses a value below its minimum', () => {
    expect(envNumber('BENCH_FOOTER_TEST_UNSET', 7, 1)).toBe(7)
    process.env.BENCH_FOOTER_TEST_KNOB = '0'
    try {
      expect(() => envNumber('BENCH_FOOTER_TEST_KNOB', 7, 1)).toThrow('BENCH_FOOTER_TEST_KNOB=0: expected a number ≥ 1')
    } finally {
      delete process.env.BENCH_FOOTER_TEST_KNOB
    }
  })
})
