import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { registerAction, registerLoader } from '#app/modules/auth/register-page.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { RegisterPage } from '#app/ui/register-page.tsx'

export const handle: RouteHandle = { hydrate: false, title: 'pages.register' as const }

export const loader = (args: LoaderFunctionArgs) => registerLoader(args)
export const action = (args: ActionFunctionArgs) => registerAction(args)

export default function ProvinceRegister() {
  const { provinces, fixed } = useLoaderData<typeof loader>()
  return <RegisterPage provinces={provinces} fixed={fixed} actionData={useActionData<typeof action>()} />
}
