import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireViewer } from '#app/modules/auth/viewer.server.ts'
import { collectMyData } from '#app/modules/privacy/export.server.ts'

// Everything held about the signed-in user, as a JSON file (UU 27/2022: right of access and a copy).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context)
  const mine = await collectMyData(context.db, viewer.user.id, context.now())
  return new Response(JSON.stringify(mine, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="winner-my-data.json"',
      'Cache-Control': 'private, no-store',
    },
  })
}
