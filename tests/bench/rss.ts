import { readFileSync } from 'node:fs'

/** Reads a `VmXxx:  1234 kB` field of /proc/<pid>/status, in kB; null where /proc is missing. */
export function procStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m?.[1] ? Number(m[1]) : null
  } catch {
    return null
  }
}

/**
 * Samples a process's resident memory while it is under load. VmHWM alone would also
 * count start-up (migrations, seeding), so the peak of the samples is what we report.
 */
export function sampleRss(pid: number, everyMs = 100) {
  let peakKb: number | null = null
  const take = () => {
    const kb = procStatusKb(pid, 'VmRSS')
    if (kb !== null && (peakKb === null || kb > peakKb)) peakKb = kb
  }
  take()
  const timer = setInterval(take, everyMs)
  return {
    stop(): { peakRssKb: number | null; hwmKb: number | null } {
      clearInterval(timer)
      take()
      return { peakRssKb: peakKb, hwmKb: procStatusKb(pid, 'VmHWM') }
    },
  }
}
