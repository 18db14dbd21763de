import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { signOut } from '#app/modules/auth/accounts.server.ts'
import { getViewer } from '#app/modules/auth/viewer.server.ts'

// Signing out changes state, so it is POST only; a GET just goes home.
export function loader() {
  return redirect('/')
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await getViewer(request, context)
  if (!viewer) return redirect('/')
  const cookie = await signOut(
    context.db,
    context.secureCookies ?? false,
    { sessionId: viewer.session.id, userId: viewer.user.id },
    context.clientIp ?? null,
  )
  return redirect('/', { headers: { 'Set-Cookie': cookie } })
}
