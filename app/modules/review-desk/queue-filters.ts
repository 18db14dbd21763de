// The reviewer queue's views (issue 7): pure, shared by the page and the loader.

export const QUEUE_FILTERS = ['all', 'todo', 'scored', 'conflicts'] as const
export type QueueView = (typeof QUEUE_FILTERS)[number]

/** The view named in the query string; anything else shows everything. */
export function parseQueueView(value: string | null): QueueView {
  return QUEUE_FILTERS.find((f) => f === value) ?? 'all'
}
