// Small pure presentation helpers of the intake pages.

/** A file size for people: "812 B", "14 KB", "2.4 MB" (decimal units, like file managers). */
export function formatBytes(size: number): string {
  if (size < 1000) return `${size} B`
  if (size < 1_000_000) return `${Math.round(size / 1000)} KB`
  return `${(size / 1_000_000).toFixed(1)} MB`
}
