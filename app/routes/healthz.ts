import type { LoaderFunctionArgs } from '@remix-run/node'
import { databaseAnswers } from '#app/modules/health/health.server.ts'

export async function loader({ context }: LoaderFunctionArgs) {
  const ok = await databaseAnswers(context.db)
  return Response.json(ok ? { status: 'ok' } : { status: 'unavailable' }, {
    status: ok ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  })
}
