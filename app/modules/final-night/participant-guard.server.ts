import type { AppLoadContext } from '@remix-run/node'
import { requireViewer, type Viewer } from '#app/modules/auth/viewer.server.ts'
import { idParam } from '#app/modules/errors/errors.ts'
import type { ParticipantKind } from '#db/schema.ts'
import { requireParticipation } from './jury.server.ts'

/**
 * Guards a juror's or guest's page: signed in (else the sign-in redirect), the event id
 * well formed, and the viewer an accepted participant of that kind in that event —
 * otherwise 404, as for another tenant: someone else's event does not exist for them.
 */
export async function requireParticipant(
  request: Request,
  context: AppLoadContext,
  params: Readonly<Record<string, string | undefined>>,
  kind: ParticipantKind,
): Promise<{ viewer: Viewer; eventId: string; participant: Awaited<ReturnType<typeof requireParticipation>> }> {
  const viewer = await requireViewer(request, context)
  const eventId = idParam(params, 'event')
  const participant = await requireParticipation(context.db, { eventId, userId: viewer.user.id }, kind)
  return { viewer, eventId, participant }
}
