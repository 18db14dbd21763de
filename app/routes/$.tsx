import { notFound } from '#app/modules/errors/errors.ts'
import type { RouteHandle } from '#app/root.tsx'

// Any address no other route claims: a localised 404 through the root error boundary.
export function loader() {
  throw notFound()
}

export const handle: RouteHandle = { hydrate: false }

export default function NotFound() {
  return null
}
