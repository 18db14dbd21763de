import { DEMO_PASSWORD } from '#db/seed/demo-accounts.ts'

// The apply pages' JS budget (issue 6: a first visit to an apply page downloads
// ≤ 100 KB gzip of JS) is measured on a section page of a real draft: sign in as
// the demo applicant over HTTP, make a venture profile, start an application, and
// hand the section's address and the session cookie to the browser measurement.

const demoApplicant = 'applicant.kalbar@demo.winner.id'

export interface SignedInVisit {
  path: string
  cookie: { name: string; value: string }
}

/** The first visit the bench makes to an apply page: the first section of a new draft. */
export async function prepareApplySection(appUrl: string): Promise<SignedInVisit> {
  const origin = new URL(appUrl).origin
  let cookie = ''
  const post = async (path: string, fields: Record<string, string>) => {
    const res = await fetch(`${appUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin, Cookie: cookie },
      body: new URLSearchParams(fields),
    })
    await res.arrayBuffer()
    if (res.status !== 302) throw new Error(`POST ${path} answered ${res.status}, expected a redirect`)
    return res
  }

  const login = await post('/login', { email: demoApplicant, password: DEMO_PASSWORD })
  const session = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => /^(__Host-)?winner_session=/.test(c))
  if (!session) throw new Error('signing in the demo applicant gave no session cookie')
  cookie = session

  const home = await fetch(`${appUrl}/p/kalbar/apply`, { headers: { Cookie: cookie } }).then((r) => r.text())
  if (home.includes('/p/kalbar/apply/profile"')) {
    await post('/p/kalbar/apply/profile', {
      intent: 'save',
      name: 'Koperasi Bench',
      legal_form: 'koperasi',
      stage: 'idea',
      address: 'Pontianak',
    })
  }
  const page = await fetch(`${appUrl}/p/kalbar/apply`, { headers: { Cookie: cookie } }).then((r) => r.text())
  const existing = /href="(\/p\/kalbar\/apply\/[0-9a-f-]{36})"/.exec(page)?.[1]
  let path: string
  if (existing) {
    path = `${existing}/problem`
  } else {
    const issue = /<select[^>]*name="issue_id"[^>]*>.*?<option value="([0-9a-f-]{36})"/s.exec(page)?.[1]
    if (!issue) throw new Error('no issue to apply to on /p/kalbar/apply (is the demo call open?)')
    const started = await post('/p/kalbar/apply?index', { issue_id: issue })
    path = started.headers.get('location') ?? ''
  }
  if (!/^\/p\/kalbar\/apply\/[0-9a-f-]{36}\/problem$/.test(path)) throw new Error(`unexpected section address ${path}`)
  const [name = '', value = ''] = cookie.split('=', 2)
  return { path, cookie: { name, value } }
}
