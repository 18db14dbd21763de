import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { acceptProvinceInvitation, loadProvinceInvitation } from '#app/modules/auth/invitation-page.server.ts'
import { acceptInvitation, findInvitation } from '#app/modules/auth/invitations.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { ProvinceInvitationPage } from '#app/ui/invitation-page.tsx'

export const handle: RouteHandle = { title: 'pages.invite' as const }

export async function loader(args: LoaderFunctionArgs) {
  const { province, invitation, viewer, state } = await loadProvinceInvitation(args, findInvitation)
  return data(
    {
      province: { slug: province.slug, name: province.name },
      invitation: invitation ? { name: invitation.name, email: invitation.email, role: invitation.role } : null,
      current: viewer?.user.email ?? null,
      state,
    },
    { status: invitation ? 200 : 400 },
  )
}

export function action(args: ActionFunctionArgs) {
  return acceptProvinceInvitation(args, findInvitation, acceptInvitation)
}

export default function AcceptInvitation() {
  const { province, invitation, current, state } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const { t } = useTranslation(['common', 'auth'])
  return (
    <ProvinceInvitationPage
      invitation={invitation}
      current={current}
      state={state}
      reply={reply}
      body={
        invitation
          ? t('auth:invite.body', {
              name: invitation.name,
              role: t(`auth:roles.${invitation.role}`),
              province: province.name,
            })
          : ''
      }
    />
  )
}
