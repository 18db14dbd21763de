// The rules of impact tracking (issue 15), pure: reading the numbers an application
// wrote as text, how far a measurement has come from baseline to target, and which
// measurements may still be decided.

/**
 * The number in an indicator's baseline or target as the applicant typed it ("50",
 * "12,5", "1.200 siswa", "27,8%"), read the Indonesian way: a point followed by exactly
 * three digits groups thousands, a comma is the decimal mark; a lone point with other
 * digit counts is taken as a decimal point ("12.5"). Null when there is no number.
 */
export function parseIndicatorNumber(text: string): number | null {
  const match = text.match(/-?\d[\d.,]*/)
  if (!match) return null
  let raw = match[0].replace(/[.,]$/, '')
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(raw)) raw = raw.replace(/\./g, '').replace(',', '.')
  else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(raw) && raw.includes('.')) raw = raw.replace(/,/g, '')
  else raw = raw.replace(',', '.')
  const value = Number(raw)
  return Number.isFinite(value) ? value : null
}

/**
 * How far `value` has come from `baseline` towards `target`, as a fraction: 0 at the
 * baseline, 1 at the target, beyond 1 past it, below 0 when it went the wrong way. Works
 * for targets below the baseline (stunting down from 27,8 to 14). Null without a target
 * or when target and baseline are equal.
 */
export function progressTowards(baseline: number, target: number | null, value: number): number | null {
  if (target === null || target === baseline) return null
  return (value - baseline) / (target - baseline)
}

/** Progress as a whole percentage for a progress bar, clamped to 0–100. */
export function progressPercent(progress: number | null): number | null {
  if (progress === null) return null
  return Math.round(Math.min(Math.max(progress, 0), 1) * 100)
}

/** The change from the baseline, and whether it went the way the target asks (or up, without a target). */
export function changeFromBaseline(
  baseline: number,
  target: number | null,
  value: number,
): { change: number; improving: boolean | null } {
  const change = value - baseline
  if (change === 0) return { change, improving: null }
  const wanted = target === null || target === baseline ? 1 : Math.sign(target - baseline)
  return { change, improving: Math.sign(change) === wanted }
}

export type MeasurementStatus = 'entered' | 'confirmed' | 'returned'

/** Only a measurement awaiting Bappeda can be confirmed or returned; a returned one is entered anew. */
export function canDecide(status: MeasurementStatus): boolean {
  return status === 'entered'
}

/**
 * The latest confirmed measurement (by date, then by entry) of a series: what a
 * page reports as "now". Entered and returned measurements never count.
 */
export function latestConfirmed<T extends { status: MeasurementStatus; measured_on: string; entered_at: Date }>(
  measurements: readonly T[],
): T | null {
  let best: T | null = null
  for (const m of measurements) {
    if (m.status !== 'confirmed') continue
    if (
      !best ||
      m.measured_on > best.measured_on ||
      (m.measured_on === best.measured_on && m.entered_at > best.entered_at)
    )
      best = m
  }
  return best
}

/** A measurement date must not lie in the future (province day) nor before the innovation began. */
export function measuredOnAllowed(measuredOn: string, today: string, startedOn: string): boolean {
  return measuredOn <= today && measuredOn >= startedOn
}
