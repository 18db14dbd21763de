// /dev/mailbox shows every mail in the outbox, reset and invitation links included, so
// where it is enabled (no SMTP) it answers only someone sitting at this machine.

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/**
 * Whether this connection may read the dev mailbox: it comes from the loopback
 * interface and no proxy is trusted (a proxy on loopback forwards remote clients).
 */
export function mailboxVisibleTo(remoteAddress: string | undefined, trustProxy: boolean): boolean {
  return !trustProxy && remoteAddress !== undefined && LOOPBACK.has(remoteAddress)
}
