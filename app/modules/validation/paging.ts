// Paging of the lists: the page asked for in the query string, then the page shown once
// the rows are counted. A page past the end shows the last one, not an empty list.

export const MAX_PAGE = 10_000

/** The 1-based page from the query string (1 when absent or not a plain number; at most MAX_PAGE). */
export function parsePage(params: URLSearchParams, key = 'page'): number {
  const raw = params.get(key)
  const page = raw && /^[0-9]{1,6}$/.test(raw) ? Number(raw) : 1
  return Math.min(Math.max(page, 1), MAX_PAGE)
}

export interface PageWindow {
  page: number
  pageCount: number
  limit: number
  offset: number
}

/** The page shown of `total` rows, `size` a page: the one asked for, or the last one (1 when empty). */
export function pageWindow(requested: number, total: number, size: number): PageWindow {
  const pageCount = Math.max(1, Math.ceil(total / size))
  const page = Math.min(Math.max(1, Math.trunc(requested) || 1), pageCount)
  return { page, pageCount, limit: size, offset: (page - 1) * size }
}
