import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoPdf } from '#db/seed/demo-pdf.ts'
import { type AppProcess, startAppProcess } from '#tests/support/app-process.ts'
import { createDatabase, dropDatabase, testServerUrl, uniqueName } from '#tests/support/databases.ts'

// Issue 17: personal data never appears in the logs. The production server runs with
// LOG_LEVEL=trace and its output (pino on stdout, anything on stderr) is captured while
// an applicant signs in (once wrongly), completes and submits an application and has an
// upload refused; afterwards no name, e-mail or phone number of theirs is in the output.

let app: AppProcess
let cleanup: () => Promise<void>
const PERSON = { name: 'Wulandari Lognama Rahasia', phone: '081377788899' }
const EMAIL = 'applicant.kalbar@demo.winner.id'
const MEMBER = 'Kornelis Anggota Lognama'

beforeAll(async () => {
  const env = { SEED_DEMO: '1', LOG_LEVEL: 'trace' }
  if (testServerUrl) {
    const name = uniqueName('winner_logs')
    const url = await createDatabase(testServerUrl, name)
    app = await startAppProcess({ env: { ...env, DATABASE_URL: url } })
    cleanup = () => dropDatabase(testServerUrl as string, name)
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'winner-logs-'))
    app = await startAppProcess({ env: { ...env, DATA_DIR: dir } })
    cleanup = async () => rmSync(dir, { recursive: true, force: true })
  }
}, 120_000)

afterAll(async () => {
  await app?.stop()
  await cleanup?.()
})

const send = (url: string, body: URLSearchParams | FormData, cookie = '') =>
  fetch(`${app.url}${url}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: app.url, ...(cookie ? { Cookie: cookie } : {}) },
    body,
  })
const form = (fields: Record<string, string>) => new URLSearchParams(fields)

describe('personal data in logs', () => {
  it('never shows a name, e-mail or phone number on sign-in, submission or a refused upload', async () => {
    expect((await send('/login', form({ email: EMAIL, password: 'wrong-password-1' }))).status).toBe(401)
    const login = await send('/login', form({ email: EMAIL, password: 'winner-demo-2023' }))
    expect(login.status).toBe(302)
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    expect(
      (
        await send(
          '/account',
          form({ intent: 'profile', name: PERSON.name, phone: PERSON.phone, locale: 'id' }),
          cookie,
        )
      ).status,
    ).toBe(200)
    const member = form({ intent: 'addMember', name: MEMBER, role: 'Bendahara', gender: 'male', age_band: '35_44' })
    expect((await send('/p/kalbar/apply/profile', member, cookie)).status).toBe(302)

    // The demo applicant's draft, every section filled through its form.
    const apply = await (await fetch(`${app.url}/p/kalbar/apply`, { headers: { Cookie: cookie } })).text()
    const id = apply.match(/\/p\/kalbar\/apply\/([0-9a-f-]{36})/)?.[1] ?? ''
    expect(id).not.toBe('')
    const sections: Record<string, Record<string, string>> = {
      problem: { problem: 'Sampah plastik menumpuk di pesisir.' },
      solution: { solution: 'Bank sampah warga.', novelty: 'Dikelola karang taruna.' },
      beneficiaries: { beneficiaries: 'Warga pesisir.', beneficiaries_count: '400' },
      business: { business_model: 'Penjualan cacahan plastik.', revenue: 'Penjualan dan iuran.' },
      impact: {
        impact: 'Pesisir bersih.',
        'indicators[0].name': 'Sampah terkumpul',
        'indicators[0].baseline': '0',
        'indicators[0].target': '10',
        'indicators[0].unit': 'ton',
        'indicators[1].name': 'Rumah terlayani',
        'indicators[1].baseline': '0',
        'indicators[1].target': '200',
        'indicators[1].unit': 'rumah',
      },
      collaboration: { collaboration_opd: 'Dinas Lingkungan Hidup.', collaboration_private: 'Pengepul.' },
      budget: { budget: 'Rp50 juta.', funding_so_far: 'Belum ada.' },
    }
    for (const [key, fields] of Object.entries(sections)) {
      const saved = await send(`/p/kalbar/apply/${id}/${key}`, form(fields), cookie)
      expect({ key, status: saved.status }).toEqual({ key, status: 302 })
    }
    // A refused upload: an executable named as a PDF.
    const bad = new FormData()
    bad.append('intent', 'upload')
    bad.append('kind', 'proposal')
    bad.append(
      'file',
      new File([new Uint8Array([0x4d, 0x5a, 0x90, 0, ...new Array(400).fill(1)])], `${PERSON.name}.pdf`),
    )
    expect((await send(`/p/kalbar/apply/${id}/attachments`, bad, cookie)).status).toBe(400)
    const good = new FormData()
    good.append('intent', 'upload')
    good.append('kind', 'proposal')
    good.append('file', new File([new Uint8Array(demoPdf(['Proposal']))], 'proposal.pdf', { type: 'application/pdf' }))
    expect((await send(`/p/kalbar/apply/${id}/attachments`, good, cookie)).status).toBe(302)
    const version = (
      await (await fetch(`${app.url}/p/kalbar/apply/${id}/submit`, { headers: { Cookie: cookie } })).text()
    ).match(/name="consent_version" value="(\d+)"/)?.[1]
    const submitted = await send(
      `/p/kalbar/apply/${id}/submit`,
      form({ consent: 'on', consent_version: version ?? '1', application: id }),
      cookie,
    )
    expect(submitted.status).toBe(302)
    expect(submitted.headers.get('location')).toContain('/receipt')

    // Give the server a moment to flush what it logs, then read everything it printed.
    await new Promise((r) => setTimeout(r, 300))
    const output = app.output().toLowerCase()
    expect(output.length).toBeGreaterThan(0)
    for (const value of [EMAIL, PERSON.name, PERSON.phone, MEMBER, 'wulandari', 'kornelis']) {
      expect(output, value).not.toContain(value.toLowerCase())
    }
  })
})
