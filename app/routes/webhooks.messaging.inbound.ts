import type { ActionFunctionArgs } from '@remix-run/node'
import { receiveInbound } from '#app/modules/messaging/webhooks.server.ts'

// Messages people send to the platform's WhatsApp/SMS number (README "WhatsApp and SMS"):
// signed like the delivery reports; STOP, STATUS [receipt], or the help desk's contacts.

const NO_SECRET = { secret: null, smsFallback: false }

export function loader(): never {
  throw new Response('Method Not Allowed', { status: 405, headers: { Allow: 'POST' } })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const answer = await receiveInbound(context.db, context.messaging ?? NO_SECRET, request, context.now())
  if (answer.queued) context.kickMessages?.()
  return Response.json(answer.body, { status: answer.status, headers: { 'Cache-Control': 'no-store' } })
}
