import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { acceptProvinceInvitation, provinceInvitationLoader } from '#app/modules/auth/invitation-page.server.ts'
import { acceptMentorInvitation, findMentorInvitation } from '#app/modules/mentoring/invitations.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { ProvinceInvitationPage } from '#app/ui/invitation-page.tsx'

export const handle: RouteHandle = { title: 'pages.mentorInvite' }

// A mentor's invitation link (issue 14), on the pattern of the province invitation page:
// a new address creates its account here, an existing one signs in first.

export function loader(args: LoaderFunctionArgs) {
  return provinceInvitationLoader(args, findMentorInvitation, ({ name, email, kind }) => ({ name, email, kind }))
}

export function action(args: ActionFunctionArgs) {
  return acceptProvinceInvitation(args, findMentorInvitation, acceptMentorInvitation)
}

export default function AcceptMentorInvitation() {
  const page = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const { t } = useTranslation(['common', 'auth', 'mentoring'])
  return (
    <ProvinceInvitationPage
      page={page}
      reply={reply}
      body={(invitation, province) =>
        t('mentoring:invite.body', {
          name: invitation.name,
          kind: t(`mentoring:kinds.${invitation.kind}`),
          province: province.name,
        })
      }
    />
  )
}
