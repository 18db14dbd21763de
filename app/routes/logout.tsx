import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { audit } from '#app/modules/audit/audit.server.ts'
import { endSession } from '#app/modules/auth/sessions.server.ts'
import { getViewer } from '#app/modules/auth/viewer.server.ts'
import { withTenant } from '#app/modules/tenancy/with-tenant.server.ts'

// Signing out changes state, so it is POST only; a GET just goes home.
export function loader() {
  return redirect('/')
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await getViewer(request, context)
  if (!viewer) return redirect('/')
  const cookie = await endSession(context.db, context.secureCookies ?? false, viewer.session.id)
  await withTenant(context.db, { identity: true }, (trx) =>
    audit(trx, {
      actorId: viewer.user.id,
      action: 'auth.sign_out',
      objectType: 'user',
      objectId: viewer.user.id,
      ip: context.clientIp,
    }),
  )
  return redirect('/', { headers: { 'Set-Cookie': cookie } })
}
