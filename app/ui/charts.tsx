import type { ReactNode } from 'react'
import { type Box, type GeoBounds, lineGeometry, project } from './chart-geometry.ts'

// Server-rendered SVG charts, no script and no client library (docs/ARCHITECTURE.md#page-parts):
// each chart is an image with a <title> and a <desc> for screen readers, followed by a
// table holding the same figures. Callers pass every text already translated and every
// number already formatted (app/i18n/format.ts); these components only place them.

export interface ChartTexts {
  /** Short name of the chart (the SVG's <title> and the table's caption). */
  title: string
  /** One or two sentences saying what the chart shows (the SVG's <desc>). */
  desc: string
}

export interface LineChartPoint {
  at: number
  value: number
  /** The x label as read ("12 Mar 2024"), and the value as read ("1.234 orang"). */
  atText: string
  valueText: string
}

export interface LineChartReference {
  value: number
  label: string
  valueText: string
  kind: 'baseline' | 'target'
}

const LINE_BOX: Box = { width: 480, height: 200, pad: { top: 14, right: 16, bottom: 26, left: 56 } }

/**
 * A small line chart of measurements over time with horizontal baseline and target
 * lines, and below it a table of the same values (the references first).
 */
export function LineChart({
  id,
  texts,
  points,
  references,
  columns,
  formatTick,
}: {
  id: string
  texts: ChartTexts
  points: readonly LineChartPoint[]
  references: readonly LineChartReference[]
  /** Headers of the table's two columns (when / value). */
  columns: { at: string; value: string }
  formatTick: (value: number) => string
}) {
  const g = lineGeometry(
    points,
    references.map((r) => r.value),
    LINE_BOX,
  )
  return (
    <figure className="chart" id={id}>
      <svg
        viewBox={`0 0 ${LINE_BOX.width} ${LINE_BOX.height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="chart-svg"
      >
        <title id={`${id}-title`}>{texts.title}</title>
        <desc id={`${id}-desc`}>{texts.desc}</desc>
        {g.yTicks.map((t) => (
          <g key={t.value} className="chart-tick">
            <line x1={g.plot.left} x2={g.plot.right} y1={t.y} y2={t.y} />
            <text x={g.plot.left - 6} y={t.y + 4} textAnchor="end">
              {formatTick(t.value)}
            </text>
          </g>
        ))}
        {references.map((r, i) => {
          const y = g.references[i]?.y ?? 0
          return (
            <g key={r.kind} className={`chart-ref chart-ref-${r.kind}`}>
              <line x1={g.plot.left} x2={g.plot.right} y1={y} y2={y} />
              <text x={g.plot.right} y={y - 4} textAnchor="end">
                {r.label}
              </text>
            </g>
          )
        })}
        {g.points.length > 1 ? <path d={g.path} className="chart-line" fill="none" /> : null}
        {g.points.map((p, i) => (
          <circle key={points[i]?.at ?? i} cx={p.x} cy={p.y} r={4} className="chart-point" />
        ))}
        {points.length > 0 ? (
          <>
            <text x={g.points[0]?.x} y={LINE_BOX.height - 8} textAnchor="start" className="chart-axis">
              {[...points].sort((a, b) => a.at - b.at)[0]?.atText}
            </text>
            {points.length > 1 ? (
              <text
                x={g.points[g.points.length - 1]?.x}
                y={LINE_BOX.height - 8}
                textAnchor="end"
                className="chart-axis"
              >
                {[...points].sort((a, b) => b.at - a.at)[0]?.atText}
              </text>
            ) : null}
          </>
        ) : null}
      </svg>
      <table className="chart-table">
        <caption>{texts.title}</caption>
        <thead>
          <tr>
            <th scope="col">{columns.at}</th>
            <th scope="col">{columns.value}</th>
          </tr>
        </thead>
        <tbody>
          {references.map((r) => (
            <tr key={r.kind}>
              <th scope="row">{r.label}</th>
              <td>{r.valueText}</td>
            </tr>
          ))}
          {[...points]
            .sort((a, b) => a.at - b.at)
            .map((p) => (
              <tr key={p.at}>
                <th scope="row">{p.atText}</th>
                <td>{p.valueText}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </figure>
  )
}

export interface MapPlace {
  key: string
  label: string
  lon: number | null
  lat: number | null
  kind: 'origin' | 'destination'
  /** The row of the table under the map: what this place is (one or more cells after the label). */
  cells: readonly string[]
}

const MAP_BOX: Box = { width: 640, height: 280, pad: { top: 24, right: 24, bottom: 24, left: 24 } }

/**
 * A schematic map: places drawn at their longitude and latitude (no outlines, no tiles),
 * a line from the origin to each destination, labels beside the points, and the same
 * places in a table. Places without coordinates appear in the table only.
 */
export function PlaceMap({
  id,
  texts,
  bounds,
  places,
  columns,
}: {
  id: string
  texts: ChartTexts
  bounds: GeoBounds
  places: readonly MapPlace[]
  /** Headers of the table: the place, then one per cell. */
  columns: readonly string[]
}) {
  const placed = places.flatMap((p) =>
    p.lon === null || p.lat === null ? [] : [{ ...p, at: project(p.lon, p.lat, bounds, MAP_BOX) }],
  )
  const origin = placed.find((p) => p.kind === 'origin')
  return (
    <figure className="chart" id={id}>
      <svg
        viewBox={`0 0 ${MAP_BOX.width} ${MAP_BOX.height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="chart-svg"
      >
        <title id={`${id}-title`}>{texts.title}</title>
        <desc id={`${id}-desc`}>{texts.desc}</desc>
        <rect x={0} y={0} width={MAP_BOX.width} height={MAP_BOX.height} className="chart-frame" />
        {origin
          ? placed
              .filter((p) => p.kind === 'destination' && (p.at.x !== origin.at.x || p.at.y !== origin.at.y))
              .map((p) => (
                <line
                  key={`line-${p.key}`}
                  x1={origin.at.x}
                  y1={origin.at.y}
                  x2={p.at.x}
                  y2={p.at.y}
                  className="chart-link"
                />
              ))
          : null}
        {placed.map((p) => (
          <g key={p.key} className={`chart-place chart-place-${p.kind}`}>
            <circle cx={p.at.x} cy={p.at.y} r={p.kind === 'origin' ? 7 : 5} />
            <text
              x={p.at.x + (p.at.x > MAP_BOX.width * 0.75 ? -9 : 9)}
              y={p.at.y - 6}
              textAnchor={p.at.x > MAP_BOX.width * 0.75 ? 'end' : 'start'}
            >
              {p.label}
            </text>
          </g>
        ))}
      </svg>
      <table className="chart-table">
        <caption>{texts.title}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {places.map((p) => (
            <tr key={p.key}>
              <th scope="row">{p.label}</th>
              {p.cells.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional columns
                <td key={i}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}

// Bar charts and heatmaps of the national oversight pages (docs/decisions/016): the page puts
// the table with the same figures beside them (ChartPair).
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
