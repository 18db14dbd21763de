import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { acceptProvinceInvitation, loadProvinceInvitation } from '#app/modules/auth/invitation-page.server.ts'
import { acceptMentorInvitation, findMentorInvitation } from '#app/modules/mentoring/invitations.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { ProvinceInvitationPage } from '#app/ui/invitation-page.tsx'

export const handle: RouteHandle = { title: 'pages.mentorInvite' }

// A mentor's invitation link (issue 14), on the pattern of the province invitation page:
// a new address creates its account here, an existing one signs in first.

export async function loader(args: LoaderFunctionArgs) {
  const { province, invitation, viewer, state } = await loadProvinceInvitation(args, findMentorInvitation)
  return data(
    {
      province: { slug: province.slug, name: province.name },
      invitation: invitation ? { name: invitation.name, email: invitation.email, kind: invitation.kind } : null,
      current: viewer?.user.email ?? null,
      state,
    },
    { status: invitation ? 200 : 400 },
  )
}

export function action(args: ActionFunctionArgs) {
  return acceptProvinceInvitation(args, findMentorInvitation, acceptMentorInvitation)
}

export default function AcceptMentorInvitation() {
  const { province, invitation, current, state } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const { t } = useTranslation(['common', 'auth', 'mentoring'])
  return (
    <ProvinceInvitationPage
      invitation={invitation}
      current={current}
      state={state}
      reply={reply}
      body={
        invitation
          ? t('mentoring:invite.body', {
              name: invitation.name,
              kind: t(`mentoring:kinds.${invitation.kind}`),
              province: province.name,
            })
          : ''
      }
    />
  )
}
