import type { DB } from '#db/client.ts'

/** What the server hands every loader and action (see app/server/main.ts). */
export interface WinnerContext {
  db: DB
  /** The current instant; tests pin it to judge time-dependent pages exactly. */
  now: () => Date
  production: boolean
  /** Drops cached public pages after a province's published data changes (no slug: all). */
  invalidatePortal: (provinceSlug?: string) => void
}

declare module '@remix-run/server-runtime' {
  interface AppLoadContext extends WinnerContext {}
}
