import { all, type Row } from './types.ts'

// WhatsApp and SMS (issue 17). The provider's callbacks are public but signed: nobody,
// signed in or not, gets past an unsigned request (401; no cookie or role counts), and
// GET does not exist (405). The message outbox page exists only where devMessages is on
// (no provider, loopback), never in this matrix's context.
export const rows: Record<string, Row> = {
  'routes/webhooks.messaging.status': {
    own: '/webhooks/messaging/status',
    get: { own: all(405) },
    post: { own: all(401), body: { id: 'x', status: 'delivered' } },
  },
  'routes/webhooks.messaging.inbound': {
    own: '/webhooks/messaging/inbound',
    get: { own: all(405) },
    post: { own: all(401), body: { id: 'x', from: '+6281234567890', text: 'STATUS' } },
  },
  'routes/dev.messages': { own: '/dev/messages', get: { own: all(404) } },
}
