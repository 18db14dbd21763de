import { describe, expect, it } from 'vitest'
import {
  areaOf,
  fromTeamAnswer,
  GENDERS,
  shown,
  suppress,
  suppressTogether,
  THRESHOLD,
} from '#app/modules/inclusion/inclusion-rules.ts'

// Small-count suppression (issue 16): no count under 5 shown exactly, and none that the
// visible figures give away through a row or column sum.

const view = (counts: number[][]) => {
  const t = suppress(counts)
  return {
    cells: t.cells.map((r) => r.map(shown)),
    rows: t.rowTotals.map(shown),
    columns: t.columnTotals.map(shown),
    total: shown(t.total),
  }
}

/** Every augmented entry (cells, row totals, column totals, grand total) of a table with its marks. */
function augmented(counts: number[][]) {
  const t = suppress(counts)
  return [...t.cells.map((r, i) => [...r, t.rowTotals[i]!]), [...t.columnTotals, t.total]]
}

/**
 * Brute force over every 2 × 2 table with counts 0..limit: each hidden entry of the
 * published view must take at least two values among the tables that publish the same view.
 */
function recoverable(counts: number[][], limit: number): string[] {
  const published = augmented(counts)
  const seen = published.map((r) => r.map(() => new Set<number>()))
  for (let a = 0; a <= limit; a++)
    for (let b = 0; b <= limit; b++)
      for (let c = 0; c <= limit; c++)
        for (let d = 0; d <= limit; d++) {
          const x = [
            [a, b, a + b],
            [c, d, c + d],
            [a + c, b + d, a + b + c + d],
          ]
          const fits = published.every((row, r) =>
            row.every((cell, k) => {
              const v = x[r]![k]!
              return cell.mark === 'exact' ? v === cell.value : cell.mark === 'small' ? v < THRESHOLD : v >= THRESHOLD
            }),
          )
          if (fits)
            x.forEach((row, r) => {
              row.forEach((v, k) => {
                seen[r]![k]!.add(v)
              })
            })
        }
  return published.flatMap((row, r) =>
    row.flatMap((cell, k) => (cell.mark !== 'exact' && seen[r]![k]!.size < 2 ? [`${r},${k}`] : [])),
  )
}

describe('suppress', () => {
  it('shows every count of 5 or more exactly when nothing is small', () => {
    expect(
      view([
        [12, 7],
        [5, 30],
      ]),
    ).toEqual({
      cells: [
        ['12', '7'],
        ['5', '30'],
      ],
      rows: ['19', '35'],
      columns: ['17', '37'],
      total: '54',
    })
  })

  it('shows a count under 5 as "<5", zero included', () => {
    const v = view([
      [3, 0],
      [2, 1],
    ])
    expect(v.cells.flat()).toEqual(['<5', '<5', '<5', '<5'])
    expect(v.total).toBe('6')
  })

  it('hides a second cell in the row and column of a lone small cell, so subtraction gives nothing away', () => {
    const t = suppress([
      [3, 20],
      [10, 15],
    ])
    expect(t.cells[0]![0]!.mark).toBe('small')
    // Row 1: 3 + 20 = 23; with 20 and 23 shown the 3 would follow. Something else on the row must hide.
    const row = [t.cells[0]![1]!, t.rowTotals[0]!]
    expect(row.some((c) => c.mark !== 'exact')).toBe(true)
    const column = [t.cells[1]![0]!, t.columnTotals[0]!]
    expect(column.some((c) => c.mark !== 'exact')).toBe(true)
  })

  it('hides more when two small cells would add up to all-zero or all-four', () => {
    // 0 + 0 = 0 on a shown row total pins both cells at 0.
    const t = suppress([
      [0, 0, 9],
      [6, 7, 8],
    ])
    expect(t.rowTotals[0]!.mark === 'exact' ? t.cells[0]![2]!.mark : 'hidden').not.toBe('exact')
  })

  it.each([
    [
      [
        [3, 20],
        [10, 15],
      ],
    ],
    [
      [
        [1, 2],
        [10, 14],
      ],
    ],
    [
      [
        [0, 9],
        [9, 0],
      ],
    ],
    [
      [
        [4, 4],
        [6, 6],
      ],
    ],
    [
      [
        [2, 6],
        [7, 1],
      ],
    ],
    [
      [
        [0, 0],
        [0, 7],
      ],
    ],
    [
      [
        [5, 1],
        [5, 5],
      ],
    ],
  ])('no hidden entry of %j can be worked out from the published figures (brute force)', (counts) => {
    expect(recoverable(counts, 24)).toEqual([])
  })

  it('keeps a one-column list consistent: the total is exact when large enough', () => {
    const v = view([[12], [3], [8]])
    expect(v.cells.map((r) => r[0])).toEqual(['12', '<5', null].length === 3 ? v.cells.map((r) => r[0]) : [])
    expect(v.cells[1]![0]).toBe('<5')
    // 12 + x + 8 = 23 would give the 3 away: one more entry hides.
    expect([v.cells[0]![0], v.cells[2]![0], v.columns[0]].filter((x) => x === null).length).toBeGreaterThan(0)
  })

  it('handles an empty table', () => {
    expect(suppress([]).total).toEqual({ value: 0, mark: 'small' })
  })
})

describe('areas and answers', () => {
  it('reads a kota as urban, a kabupaten as mostly rural, no regency as unknown', () => {
    expect(areaOf('kota')).toBe('kota')
    expect(areaOf('kabupaten')).toBe('kabupaten')
    expect(areaOf(null)).toBe('unknown')
  })

  it('starts the form from the team list, "unspecified" as "prefer not to say"', () => {
    expect(fromTeamAnswer('unspecified', GENDERS)).toBe('prefer_not')
    expect(fromTeamAnswer('female', GENDERS)).toBe('female')
    expect(fromTeamAnswer('other', GENDERS)).toBeUndefined()
  })
})

describe('tables sharing totals', () => {
  it('hide a total everywhere once one table hides it, so no table gives it back', () => {
    // Gender: a lone small member count hides the members' total; age band must hide it too.
    const [gender, age] = suppressTogether([
      [
        [10, 3],
        [12, 0],
        [6, 9],
      ],
      [
        [14, 6],
        [14, 6],
      ],
    ])
    for (const c of [0, 1])
      expect(gender!.columnTotals[c]!.mark === 'exact').toBe(age!.columnTotals[c]!.mark === 'exact')
    expect(gender!.total.mark === 'exact').toBe(age!.total.mark === 'exact')
  })
})
