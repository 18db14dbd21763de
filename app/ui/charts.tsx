import type { ReactNode } from 'react'

// Server-rendered SVG charts, no client library (issue 16): each chart is an image with
// a <title> and a <desc> for screen readers, and the page puts a table with the same
// figures beside it (ChartPair) — the table is the accessible, copyable version, the
// chart the glance. Texts and figures come translated and formatted; no data access.

export interface Bar {
  label: string
  value: number
  /** The figure as printed (locale-formatted by the page). */
  text: string
}

const LABEL_W = 190
const BAR_W = 300
const ROW_H = 24

/** Horizontal bars, one per row, scaled to `max` (else to the largest value). */
export function BarChart({
  id,
  title,
  desc,
  bars,
  max,
}: {
  id: string
  title: string
  desc: string
  bars: readonly Bar[]
  max?: number
}) {
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1)
  const height = bars.length * ROW_H + 8
  const width = LABEL_W + BAR_W + 70
  return (
    <svg
      className="chart"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {bars.map((b, i) => {
        const y = 4 + i * ROW_H
        const w = Math.round((Math.max(0, b.value) / top) * BAR_W)
        return (
          <g key={b.label}>
            <text x={LABEL_W - 6} y={y + 16} textAnchor="end" className="chart-label">
              {b.label.length > 28 ? `${b.label.slice(0, 27)}…` : b.label}
            </text>
            <rect x={LABEL_W} y={y + 3} width={w} height={ROW_H - 8} className="chart-bar" />
            <text x={LABEL_W + w + 6} y={y + 16} className="chart-value">
              {b.text}
            </text>
          </g>
        )
      })}
    </svg>
  )
}

const CELL_W = 44
const CELL_H = 20
const ROW_LABEL_W = 150
const HEAD_H = 28

/** A rows × columns grid shaded by value (darker is more), each cell printing its figure. */
export function Heatmap({
  id,
  title,
  desc,
  rows,
  columns,
  values,
  texts,
}: {
  id: string
  title: string
  desc: string
  rows: readonly string[]
  /** Short column heads (codes); the table beside names them in full. */
  columns: readonly string[]
  values: readonly (readonly number[])[]
  texts: readonly (readonly string[])[]
}) {
  const top = Math.max(1, ...values.flat())
  const width = ROW_LABEL_W + columns.length * CELL_W + 4
  const height = HEAD_H + rows.length * CELL_H + 4
  return (
    <svg
      className="chart"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {columns.map((c, j) => (
        <text
          key={c}
          x={ROW_LABEL_W + j * CELL_W + CELL_W / 2}
          y={HEAD_H - 8}
          textAnchor="middle"
          className="chart-label"
        >
          {c}
        </text>
      ))}
      {rows.map((r, i) => (
        <g key={r}>
          <text x={ROW_LABEL_W - 6} y={HEAD_H + i * CELL_H + 14} textAnchor="end" className="chart-label">
            {r.length > 22 ? `${r.slice(0, 21)}…` : r}
          </text>
          {columns.map((c, j) => {
            const v = values[i]?.[j] ?? 0
            // Five steps of one hue: readable in print and in grey, and not only by colour (the figure is in the cell).
            const step = v === 0 ? 0 : 1 + Math.min(4, Math.floor((v / top) * 4.999))
            return (
              <g key={c}>
                <rect
                  x={ROW_LABEL_W + j * CELL_W}
                  y={HEAD_H + i * CELL_H}
                  width={CELL_W - 2}
                  height={CELL_H - 2}
                  className={`heat heat-${step}`}
                />
                <text
                  x={ROW_LABEL_W + j * CELL_W + (CELL_W - 2) / 2}
                  y={HEAD_H + i * CELL_H + 14}
                  textAnchor="middle"
                  className={step >= 3 ? 'chart-value heat-dark' : 'chart-value'}
                >
                  {texts[i]?.[j] ?? ''}
                </text>
              </g>
            )
          })}
        </g>
      ))}
    </svg>
  )
}

/** A chart and the table of its figures side by side (stacked on a phone and in print). */
export function ChartPair({ chart, children }: { chart: ReactNode; children: ReactNode }) {
  return (
    <div className="chart-pair">
      <div className="chart-wrap">{chart}</div>
      <div className="table-wrap">{children}</div>
    </div>
  )
}
