// Provider callbacks (POST /webhooks/messaging/status and …/inbound) are not browser
// forms: a server sends JSON without an Origin, and proves itself with an HMAC signature
// over the body (app/modules/messaging/signature.ts), checked before anything is read.
// So the front door lets exactly these through without the origin check (there is no
// cookie to ride on, CSRF does not apply) and with a JSON body instead of a form; the
// NUL-in-address check and the body limit still hold.

const PREFIX = '/webhooks/messaging/'

/** Whether a request is a signed provider callback with a JSON body. */
export function isSignedWebhook(method: string | undefined, path: string, contentType: string | undefined): boolean {
  if (method !== 'POST' || !path.startsWith(PREFIX)) return false
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json'
}
