import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { acceptProvinceInvitation, provinceInvitationLoader } from '#app/modules/auth/invitation-page.server.ts'
import { acceptInvitation, findInvitation } from '#app/modules/auth/invitations.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { ProvinceInvitationPage } from '#app/ui/invitation-page.tsx'

export const handle: RouteHandle = { title: 'pages.invite' as const }

export function loader(args: LoaderFunctionArgs) {
  return provinceInvitationLoader(args, findInvitation, ({ name, email, role }) => ({ name, email, role }))
}

export function action(args: ActionFunctionArgs) {
  return acceptProvinceInvitation(args, findInvitation, acceptInvitation)
}

export default function AcceptInvitation() {
  const page = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const { t } = useTranslation(['common', 'auth'])
  return (
    <ProvinceInvitationPage
      page={page}
      reply={reply}
      body={(invitation, province) =>
        t('auth:invite.body', {
          name: invitation.name,
          role: t(`auth:roles.${invitation.role}`),
          province: province.name,
        })
      }
    />
  )
}
