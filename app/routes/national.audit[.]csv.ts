import type { LoaderFunctionArgs } from '@remix-run/node'
import { auditFileResponse } from '#app/modules/audit/audit-file.server.ts'

// The national audit log as a file, with the page's filters.
export const loader = ({ request, context }: LoaderFunctionArgs) =>
  auditFileResponse(request, context, { national: true }, 'csv')
