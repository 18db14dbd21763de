// The arithmetic of the server-rendered charts (app/ui/charts.tsx): pure, no React, so
// the geometry is unit-tested apart from the markup.

export interface Box {
  width: number
  height: number
  /** Room left for axis labels: top, right, bottom, left. */
  pad: { top: number; right: number; bottom: number; left: number }
}

/** "Nice" round tick values (1, 2, 2.5, 5 × 10ⁿ) covering [min, max], about `count` of them. */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return []
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) / 2
    return niceTicks(min - pad, max + pad, count)
  }
  const raw = (max - min) / Math.max(1, count)
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude
  const first = Math.floor(min / step) * step
  const ticks: number[] = []
  for (let v = first; v <= max + step / 2; v += step) {
    // Rounded to the step's precision so 0.1 + 0.2 reads 0.3.
    ticks.push(Number(v.toFixed(Math.max(0, -Math.floor(Math.log10(step)) + 1))))
    if (v >= max) break
  }
  return ticks
}

/** A linear map from [d0, d1] onto [r0, r1]; a zero-width domain maps to the middle. */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  if (d0 === d1) return () => (r0 + r1) / 2
  return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0)
}

export interface LinePoint {
  /** Position along the x axis (an instant in ms, or an index). */
  at: number
  value: number
}

export interface LineGeometry {
  points: { x: number; y: number }[]
  /** The SVG path through the points, in order of `at`. */
  path: string
  yTicks: { value: number; y: number }[]
  /** Horizontal reference lines (baseline, target) at their heights. */
  references: { y: number }[]
  plot: { left: number; right: number; top: number; bottom: number }
}

const round = (n: number) => Math.round(n * 10) / 10

/**
 * Places a series and its reference values in a box: the y range covers every point and
 * every reference (so a target above all measurements is still drawn), rounded out to
 * nice ticks; x follows `at`, evenly when all points share one instant.
 */
export function lineGeometry(series: readonly LinePoint[], references: readonly number[], box: Box): LineGeometry {
  const plot = {
    left: box.pad.left,
    right: box.width - box.pad.right,
    top: box.pad.top,
    bottom: box.height - box.pad.bottom,
  }
  const values = [...series.map((p) => p.value), ...references]
  const ticks = values.length ? niceTicks(Math.min(...values), Math.max(...values)) : []
  const lo = ticks[0] ?? 0
  const hi = ticks[ticks.length - 1] ?? 1
  const y = linear(lo, hi, plot.bottom, plot.top)
  const sorted = [...series].sort((a, b) => a.at - b.at)
  const first = sorted[0]?.at ?? 0
  const last = sorted[sorted.length - 1]?.at ?? 0
  const x =
    sorted.length === 1 ? () => (plot.left + plot.right) / 2 : linear(first, last, plot.left + 8, plot.right - 8)
  const points = sorted.map((p) => ({ x: round(x(p.at)), y: round(y(p.value)) }))
  return {
    points,
    path: points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' '),
    yTicks: ticks.map((value) => ({ value, y: round(y(value)) })),
    references: references.map((r) => ({ y: round(y(r)) })),
    plot,
  }
}

/** Longitude and latitude bounds of a schematic map. */
export interface GeoBounds {
  west: number
  east: number
  south: number
  north: number
}

/**
 * Equirectangular placement of a longitude/latitude in a box: enough for a schematic
 * map of labelled points (no outlines, no tiles). Points outside the bounds are clamped.
 */
export function project(lon: number, lat: number, bounds: GeoBounds, box: Box): { x: number; y: number } {
  const clamp = (v: number, a: number, b: number) => Math.min(Math.max(v, a), b)
  const x = linear(bounds.west, bounds.east, box.pad.left, box.width - box.pad.right)
  const y = linear(bounds.north, bounds.south, box.pad.top, box.height - box.pad.bottom)
  return {
    x: round(x(clamp(lon, bounds.west, bounds.east))),
    y: round(y(clamp(lat, bounds.south, bounds.north))),
  }
}
