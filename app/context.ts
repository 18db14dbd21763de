import type { DB } from '#db/client.ts'

/** What the server hands every loader and action (see app/server/server.ts). */
export interface WinnerContext {
  db: DB
  /** The current instant; tests pin it to judge time-dependent pages exactly. */
  now: () => Date
  production: boolean
  /** Cookies are Secure and session cookies `__Host-` prefixed: production behind HTTPS. */
  secureCookies?: boolean
  /** Drops cached public pages after a province's published data changes (no slug: all). */
  invalidatePortal: (provinceSlug?: string) => void
  /** The client's address as the proxy chain reports it (throttling, audit). */
  clientIp?: string | null
  /** Public origin for links in mails: from configuration only, never from the request (config.ts). */
  origin: string
  /** Per-request CSP nonce for Remix's inline scripts. */
  cspNonce?: string
  /** Whether /dev/mailbox shows the outbox to this request (mailbox-access.ts). */
  devMailbox?: boolean
  /** Wakes the mail deliverer after mails were committed to the outbox. */
  kickMail?: () => void
  /** Wakes the WhatsApp/SMS deliverer after messages were committed to its outbox. */
  kickMessages?: () => void
  /** The provider callbacks' HMAC secret and whether SMS backs WhatsApp up (messaging/webhooks.server.ts). */
  messaging?: { secret: string | null; smsFallback: boolean }
  /** Whether JIPPNAS_URL is set (records show "not configured" otherwise), and a wake-up for the sync. */
  jippnas?: { configured: boolean; kick: () => void }
  /** Whether /dev/messages shows the message outbox to this request (like devMailbox). */
  devMessages?: boolean
}

declare module '@remix-run/server-runtime' {
  interface AppLoadContext extends WinnerContext {}
}
