import { randomUUID } from 'node:crypto'
import postgres from 'postgres'

// In-process caches (the public page cache, and any other a module keeps) are dropped in
// every server process, on every machine, when one of them changes what they hold
// (docs/decisions/023-one-process-per-core.md). The process that made the change drops
// its own entries at once; the others hear it through PostgreSQL LISTEN/NOTIFY. A NOTIFY
// missed while the listening connection was away cannot be replayed, so after it comes
// back every handler is told to drop everything (payload null); the caches' TTL bounds
// what is stale meanwhile.

/** Called with what `broadcast` sent, or null: anything may have changed, drop everything. */
export type InvalidationHandler = (payload: string | null) => void

export interface Invalidation {
  /**
   * Runs this process's handlers of `channel` now, then tells every other process.
   * Call it after the change committed: another process may render again at once.
   */
  broadcast(channel: string, payload: string): void
  /** Registers a handler; resolves once other processes' broadcasts on `channel` reach it. */
  onInvalidate(channel: string, handler: InvalidationHandler): Promise<void>
  /** Whether other processes' broadcasts reach this one now (false: one process, or the listener is away). */
  listening(): boolean
  close(): Promise<void>
}

/** The public page cache (portal-cache.ts): payload a province slug, or '*' for every page. */
export const PORTAL_CHANNEL = 'winner_portal'

// A channel is a PostgreSQL identifier, written unquoted-safe so LISTEN needs no escaping.
const CHANNEL = /^winner_[a-z0-9_]{1,40}$/
// NOTIFY payloads are limited to 8000 bytes; ours are keys, not data.
const MAX_PAYLOAD = 1000

function checkChannel(channel: string): void {
  if (!CHANNEL.test(channel)) throw new Error(`invalidation channel must match ${CHANNEL}: ${channel}`)
}

class Handlers {
  private readonly byChannel = new Map<string, InvalidationHandler[]>()

  add(channel: string, handler: InvalidationHandler): boolean {
    checkChannel(channel)
    const list = this.byChannel.get(channel)
    if (list) list.push(handler)
    else this.byChannel.set(channel, [handler])
    return !list
  }

  run(channel: string, payload: string | null): void {
    for (const handler of this.byChannel.get(channel) ?? []) handler(payload)
  }

  runAll(): void {
    for (const channel of this.byChannel.keys()) this.run(channel, null)
  }

  channels(): string[] {
    return [...this.byChannel.keys()]
  }
}

/** One process and nothing else to tell (the embedded database): handlers run in this process only. */
export function localInvalidation(): Invalidation {
  const handlers = new Handlers()
  return {
    broadcast(channel, payload) {
      checkChannel(channel)
      handlers.run(channel, payload)
    },
    async onInvalidate(channel, handler) {
      handlers.add(channel, handler)
    },
    listening: () => false,
    async close() {},
  }
}

export interface ListenOptions {
  /**
   * A direct connection to PostgreSQL: LISTEN needs a session of its own, which a
   * transaction-mode PgBouncer does not keep (config.ts listenUrl).
   */
  listenUrl: string
  /** Where NOTIFY is sent: the app's pool (through a pooler is fine: it is one statement). */
  notify: postgres.Sql
  /** A NOTIFY that could not be sent, or the listener lost (logged; the cache TTL bounds staleness). */
  onError: (error: unknown, what: 'notify' | 'listen') => void
  /** Longest wait between two attempts to listen again. */
  maxRetryMs?: number
}

/**
 * Invalidation across processes through LISTEN/NOTIFY: one dedicated connection per
 * process listens; it is opened again (1 s, 2 s, … up to `maxRetryMs`) when it drops.
 */
export function listenInvalidation(options: ListenOptions): Invalidation {
  const handlers = new Handlers()
  // This process's own NOTIFYs come back too; its handlers already ran.
  const self = randomUUID().slice(0, 8)
  const maxRetryMs = options.maxRetryMs ?? 10_000
  let up = false
  let lost = false
  let closing = false
  let retry: NodeJS.Timeout | null = null
  let attempts = 0

  const sql = postgres(options.listenUrl, {
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    connect_timeout: 5,
    fetch_types: false,
    onnotice: () => {},
    // Not in postgres.js's types, but its documented connection option (what sql.listen uses inside).
    ...({
      onnotify(channel: string, message: string) {
        const space = message.indexOf(' ')
        if (space < 0 || message.slice(0, space) === self) return
        handlers.run(channel, message.slice(space + 1))
      },
    } as object),
    onclose() {
      if (closing) return
      if (up) options.onError(new Error('the invalidation listener lost its connection'), 'listen')
      up = false
      lost = true
      schedule()
    },
  })

  const listenAll = async () => {
    const channels = handlers.channels()
    if (channels.length === 0) return
    await sql.unsafe(channels.map((c) => `listen ${c}`).join('; '))
  }

  function schedule() {
    if (retry || closing) return
    const delay = Math.min(maxRetryMs, 1000 * 2 ** Math.min(attempts, 10))
    attempts += 1
    retry = setTimeout(() => {
      retry = null
      listenAll().then(
        () => {
          up = true
          attempts = 0
          // Whatever was sent while nobody listened is unknown: drop everything once.
          if (lost) {
            lost = false
            handlers.runAll()
          }
        },
        (error) => {
          if (closing) return
          options.onError(error, 'listen')
          schedule()
        },
      )
    }, delay)
    retry.unref()
  }

  return {
    broadcast(channel, payload) {
      checkChannel(channel)
      if (payload.length > MAX_PAYLOAD) throw new Error(`invalidation payload over ${MAX_PAYLOAD} characters`)
      handlers.run(channel, payload)
      options.notify`select pg_notify(${channel}, ${`${self} ${payload}`})`.then(
        () => {},
        (error: unknown) => options.onError(error, 'notify'),
      )
    },
    async onInvalidate(channel, handler) {
      if (!handlers.add(channel, handler)) return
      await sql.unsafe(`listen ${channel}`)
      up = true
    },
    listening: () => up,
    async close() {
      closing = true
      if (retry) clearTimeout(retry)
      await sql.end({ timeout: 1 })
    },
  }
}
