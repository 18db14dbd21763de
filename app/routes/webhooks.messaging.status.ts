import type { ActionFunctionArgs } from '@remix-run/node'
import { receiveDeliveryReport } from '#app/modules/messaging/webhooks.server.ts'

// Delivery reports from the WhatsApp/SMS provider (README "WhatsApp and SMS"): no session,
// signed with HMAC and fresh (timestamp + nonce), else 401. JSON in, JSON out.

const NO_SECRET = { secret: null, smsFallback: false }

export function loader(): never {
  throw new Response('Method Not Allowed', { status: 405, headers: { Allow: 'POST' } })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const answer = await receiveDeliveryReport(context.db, context.messaging ?? NO_SECRET, request, context.now())
  return Response.json(answer.body, { status: answer.status, headers: { 'Cache-Control': 'no-store' } })
}
