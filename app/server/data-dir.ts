import { mkdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs'
import path from 'node:path'

// The embedded database writes into DATA_DIR (`npm start`). A directory that cannot be
// created or written, or a full disk, used to surface as PGlite's stack trace halfway
// through start; it is checked first and told in one line (issue 19).

/** Exit code of a start refused for the data directory (sysexits' EX_CANTCREAT). */
export const DATA_DIR_EXIT_CODE = 73

/** Free space below which the embedded database is not started: a checkpoint alone needs some. */
export const MIN_FREE_BYTES = 32 * 1024 * 1024

const reasons: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'a file of that name is in the way',
}

/** The one-line reason for a file-system error code, or null for anything else. */
export function diskReason(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string' && reasons[code]) return `${reasons[code]} (${code})`
  // PostgreSQL's disk_full, raised by the embedded database while writing.
  if (code === '53100') return 'the disk is full (53100)'
  return null
}

/**
 * Creates the data directory if needed and proves it writable with a small probe file,
 * then checks the free space. Answers null when it is usable, else one line (no stack)
 * that names the directory, the reason and what to do; other errors are thrown.
 */
export function checkDataDir(dataDir: string, minFreeBytes = MIN_FREE_BYTES): string | null {
  const dir = path.resolve(dataDir)
  const fix = 'Set DATA_DIR to a writable directory with free space, or set DATABASE_URL.'
  try {
    mkdirSync(dir, { recursive: true })
    const probe = path.join(dir, `.write-check-${process.pid}`)
    writeFileSync(probe, 'ok')
    rmSync(probe)
  } catch (error) {
    const reason = diskReason(error)
    if (!reason) throw error
    return `Cannot use the data directory ${dir}: ${reason}. ${fix}`
  }
  const { bavail, bsize } = statfsSync(dir)
  const free = bavail * bsize
  if (free < minFreeBytes) {
    const mb = (n: number) => `${Math.floor(n / (1024 * 1024))} MiB`
    return `Cannot use the data directory ${dir}: the disk is full (${mb(free)} free, at least ${mb(minFreeBytes)} needed). ${fix}`
  }
  return null
}
