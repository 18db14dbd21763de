import type { AppAbility } from '#app/modules/permissions/abilities.ts'

// The CASL checks of the organiser's Final Night pages (issue 14). Ministry and ERAT
// read every event; only the ministry organises it — the same right that confirms and
// publishes the provinces' finalists, since the event is built from them and its
// results are published the same way. ERAT reads and changes nothing. Jurors and
// guests hold no membership: their pages are guarded by their participation in one
// event (jury.server.ts `requireParticipation`), never by an ability.

/** May read every Final Night, its board and its participants (ministry and ERAT). */
export const canReadFinalNight = (ability: AppAbility) => ability.can('read', 'Event')

/** May create and run a Final Night: set-up, invitations, voting, confirmation, publication (the ministry). */
export const canOrganiseFinalNight = (ability: AppAbility) => ability.can('decide', 'Selection')
