import type { BrowserContextOptions, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { instantToLocal } from '#app/modules/calls/zoned-time.ts'
import { connect } from '#db/client.ts'
import { demoPdf } from '#db/seed/demo-pdf.ts'
import { testServerUrl, uniqueName } from '#tests/support/databases.ts'
import { samplePng } from '#tests/support/sample-files.ts'
import { hasChromium, skipOrFailWithoutChromium } from './browser.ts'
import { useE2eSession } from './session.ts'

skipOrFailWithoutChromium('the applicant flow browser tests')
if (hasChromium && !testServerUrl) {
  console.warn(
    'e2e: the applicant flow checks the stored rows only with TEST_DATABASE_URL (the embedded one is private)',
  )
}

// The whole applicant journey of issue 6 on a cheap Android phone, in Indonesian:
// register from the province portal, confirm the address, sign in, build the
// venture profile, draft every section, attach files, accept the notice, submit and
// read the receipt. Once with JavaScript and once without.

/** A mid-range Android phone: small screen, touch, a mobile Chrome user agent. */
const phone: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  userAgent:
    'Mozilla/5.0 (Linux; Android 12; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
}

const verifySubject = 'Konfirmasi alamat email Anda untuk WiNNER'
const receiptPattern = /^WNR-\d{4}-KALBAR-\d{4}$/
const patience = { timeout: 10_000 }

type Mode = { name: string; js: boolean }
const modes: Mode[] = [
  { name: 'with JavaScript', js: true },
  { name: 'without JavaScript', js: false },
]

describe.skipIf(!hasChromium)('the applicant flow on a phone, from registration to the receipt', () => {
  const e2e = useE2eSession()
  const { problems, newPage, open, settle } = e2e

  // Client-side navigation updates the address before React has rendered the new page.
  async function expectHeading(page: Page, text: string): Promise<void> {
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), patience).toBe(text)
  }

  /** Clicks a link or button that leads to another page, and waits for it to be usable. */
  async function go(page: Page, url: string | RegExp, click: () => Promise<void>): Promise<void> {
    await Promise.all([page.waitForURL(typeof url === 'string' ? `${e2e.app.url}${url}` : url), click()])
    await settle(page)
  }

  /** The newest mail to `to` whose subject starts with `subject`, as seen in the dev mailbox. */
  async function openMail(page: Page, to: string, subject: string) {
    await open(page, '/dev/mailbox')
    const mail = page
      .getByRole('article')
      .filter({ has: page.getByRole('heading', { name: subject }) })
      .filter({ hasText: `<${to}>` })
      .first()
    await mail.waitFor()
    return mail
  }

  async function registerAndSignIn(page: Page, email: string, password: string): Promise<void> {
    await open(page, '/p/kalbar')
    await go(page, '/p/kalbar/register', () => page.getByRole('link', { name: 'Daftar sekarang' }).click())
    await page.getByLabel('Nama lengkap').fill('Siti Rahmawati')
    await page.getByLabel('Email', { exact: true }).fill(email)
    await page.getByLabel('Nomor telepon / WhatsApp (opsional)').fill('+62 812 5566 7788')
    await page.getByLabel('Kata sandi', { exact: true }).fill(password)
    await page.getByRole('button', { name: 'Buat akun' }).click()
    await page.getByRole('heading', { name: 'Periksa email Anda' }).waitFor()

    const mail = await openMail(page, email, verifySubject)
    await go(page, /\/verify-email\?token=/, () => mail.getByRole('link', { name: /\/verify-email\?token=/ }).click())
    await go(page, '/login?notice=verified', () => page.getByRole('button', { name: 'Konfirmasi email saya' }).click())
    await page.getByLabel('Email', { exact: true }).fill(email)
    await page.getByLabel('Kata sandi', { exact: true }).fill(password)
    await go(page, '/p/kalbar/apply', () => page.getByRole('button', { name: 'Masuk', exact: true }).click())
    await expectHeading(page, 'Proposal saya — Kalimantan Barat')
  }

  async function buildProfile(page: Page, venture: string): Promise<void> {
    await page.getByText('Sebelum memulai proposal, lengkapi dulu profil usaha Anda.').waitFor()
    await go(page, '/p/kalbar/apply/profile', () => page.getByRole('link', { name: 'Lengkapi profil usaha' }).click())
    await expectHeading(page, 'Profil usaha')
    await page.getByLabel('Nama organisasi atau usaha').fill(venture)
    await page.getByLabel('Bentuk badan usaha').selectOption({ label: 'Koperasi' })
    await page.getByLabel('Tahun berdiri (boleh dikosongkan)').fill('2021')
    await page.getByLabel('Kabupaten/kota').selectOption({ label: 'Kab. Sanggau' })
    await page.getByLabel('Alamat').fill('Jl. Jenderal Sudirman No. 12, Sanggau')
    await page.getByLabel('Tahap usaha').selectOption({ label: 'Sudah berjalan' })
    await page.getByLabel('Situs web (boleh dikosongkan)').fill('kopisanggau.example.id')
    await page.getByLabel('Media sosial').fill('Instagram @kopisanggau')
    await go(page, /\/apply\/profile\?done=created/, () => page.getByRole('button', { name: 'Simpan profil' }).click())
    await page.getByText('Profil usaha tersimpan.').waitFor()

    const team = page.getByRole('region', { name: 'Tim' })
    await team.getByLabel('Nama', { exact: true }).fill('Maria Ulfa')
    await team.getByLabel('Peran').fill('Koordinator lapangan')
    await team.getByLabel('Jenis kelamin').selectOption({ label: 'Perempuan' })
    await team.getByLabel('Kelompok usia').selectOption({ label: '25–34 tahun' })
    await go(page, /\/apply\/profile\?done=memberAdded/, () =>
      team.getByRole('button', { name: 'Tambah anggota' }).click(),
    )
    await page.getByText('Anggota tim ditambahkan.').waitFor()
    await team.getByRole('button', { name: 'Hapus Maria Ulfa' }).waitFor()
    await go(page, '/p/kalbar/apply', () =>
      page.getByRole('navigation', { name: 'Lokasi halaman' }).getByRole('link', { name: 'Beranda pendaftar' }).click(),
    )
  }

  /** Fills the texts of the open section and saves with "Simpan dan lanjutkan" (or the last section's button). */
  async function saveSection(page: Page, texts: Record<string, string>, next: string | RegExp, last = false) {
    for (const [label, value] of Object.entries(texts)) await page.getByLabel(label, { exact: true }).fill(value)
    const button = last ? 'Simpan dan lihat ringkasan' : 'Simpan dan lanjutkan'
    await go(page, next, () => page.getByRole('button', { name: button }).click())
    await page.getByText('Tersimpan.', { exact: true }).waitFor()
  }

  for (const mode of modes) {
    it(`${mode.name}: a new applicant registers, drafts, attaches, consents and submits, and gets a receipt`, async () => {
      const page = await newPage(mode.js, phone)
      const email = `${uniqueName('pemohon')}@e2e.example.id`
      const venture = `Koperasi Kopi Sanggau ${mode.js ? 'A' : 'B'}`
      await registerAndSignIn(page, email, 'kopi-sanggau-2023')
      await buildProfile(page, venture)

      // Start on a published issue of the open call; the issue section is then complete.
      await page.getByLabel('Isu daerah').selectOption({ label: 'Stunting, kesehatan ibu dan anak' })
      await go(page, /\/p\/kalbar\/apply\/[0-9a-f-]{36}\/problem$/, () =>
        page.getByRole('button', { name: 'Mulai proposal' }).click(),
      )
      const id = /\/apply\/([0-9a-f-]{36})\//.exec(page.url())?.[1] as string
      const base = `/p/kalbar/apply/${id}`
      await expectHeading(page, 'Permasalahan')
      // The limit is shown next to the field and enforced by the field itself.
      await page.getByText('maks. 3.000 karakter').waitFor()
      expect(await page.getByLabel('Pernyataan masalah').getAttribute('maxlength')).toBe('3000')

      await saveSection(
        page,
        { 'Pernyataan masalah': 'Prevalensi stunting di desa dampingan kami 31%, jauh di atas rata-rata provinsi.' },
        `${base}/solution?saved=1`,
      )
      await saveSection(
        page,
        {
          'Solusi yang diusulkan': 'Kelas gizi keluarga dan paket MPASI dari pangan lokal yang dijual terjangkau.',
          Kebaruan: 'Resep MPASI disusun bersama kader posyandu memakai ikan sungai dan kelor.',
        },
        `${base}/beneficiaries?saved=1`,
      )
      await saveSection(
        page,
        {
          'Sasaran penerima manfaat': 'Keluarga dengan balita di 12 desa di Kabupaten Sanggau.',
          'Jumlah penerima manfaat': '1200',
        },
        `${base}/business?saved=1`,
      )
      await saveSection(
        page,
        {
          'Model bisnis': 'Paket MPASI dijual lewat koperasi dan warung desa; kelas gizi gratis.',
          'Sumber pendapatan': 'Penjualan paket MPASI dan pesanan katering posyandu.',
        },
        `${base}/impact?saved=1`,
      )

      const impact = 'Balita di desa dampingan tumbuh sesuai kurva dan keluarga punya penghasilan tambahan.'
      if (!mode.js) {
        // A row begun without baseline and target is refused at that field, with what was typed kept.
        problems.allow(400, `${base}/impact`)
        await page.getByLabel('Dampak sosial yang diharapkan').fill(impact)
        await page.getByLabel('Indikator 1', { exact: true }).fill('Prevalensi stunting')
        await page.getByLabel('Kondisi awal 1', { exact: true }).fill('31')
        await page.getByLabel('Target 1', { exact: true }).fill('20')
        await page.getByLabel('Satuan 1', { exact: true }).fill('%')
        await page.getByLabel('Indikator 2', { exact: true }).fill('Keluarga ikut kelas gizi')
        const [response] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST'),
          page.getByRole('button', { name: 'Simpan dan lanjutkan' }).click(),
        ])
        expect(response.status()).toBe(400)
        // The error summary at the top lists the problem and links to the field.
        const summary = page.locator('.error-summary')
        await summary.waitFor()
        const baseline = page.getByLabel('Kondisi awal 2', { exact: true })
        const hrefs = await summary.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))
        expect(hrefs).toContain(`#${await baseline.getAttribute('id')}`)
        expect(await baseline.getAttribute('aria-invalid')).toBe('true')
        // The message is tied to the field by aria-describedby, so a screen reader reads it with the field.
        const describedBy = (await baseline.getAttribute('aria-describedby')) ?? ''
        expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('Wajib diisi.')
        expect(await page.getByLabel('Dampak sosial yang diharapkan').inputValue()).toBe(impact)
        expect(await page.getByLabel('Indikator 1', { exact: true }).inputValue()).toBe('Prevalensi stunting')
        expect(await page.getByLabel('Satuan 1', { exact: true }).inputValue()).toBe('%')
        expect(await page.getByLabel('Indikator 2', { exact: true }).inputValue()).toBe('Keluarga ikut kelas gizi')
      }
      await saveSection(
        page,
        {
          'Dampak sosial yang diharapkan': impact,
          'Indikator 1': 'Prevalensi stunting',
          'Kondisi awal 1': '31',
          'Target 1': '20',
          'Satuan 1': '%',
          'Indikator 2': 'Keluarga ikut kelas gizi',
          'Kondisi awal 2': '0',
          'Target 2': '600',
          'Satuan 2': 'keluarga',
        },
        `${base}/collaboration?saved=1`,
      )
      await saveSection(
        page,
        {
          'Kolaborasi dengan OPD': 'Data balita dari Dinkes dan pendampingan kader posyandu.',
          'Kolaborasi dengan sektor swasta': 'Pembeli tetap dari katering perusahaan perkebunan.',
        },
        `${base}/budget?saved=1`,
      )
      await saveSection(
        page,
        {
          'Kebutuhan anggaran': 'Rp 85 juta: alat produksi, kemasan, dan pelatihan kader.',
          'Pendanaan yang sudah diperoleh': 'Rp 20 juta dana anggota koperasi.',
        },
        `${base}?saved=1`,
        true,
      )
      await expectHeading(page, 'Stunting, kesehatan ibu dan anak')

      // Attachments: a real PDF as proposal and a PNG photo; the type is judged by content.
      await go(page, `${base}/attachments`, () => page.getByRole('link', { name: 'Lampiran' }).click())
      await expectHeading(page, 'Lampiran')
      const upload = async (kind: string, file: { name: string; mimeType: string; buffer: Buffer }) => {
        await page.getByLabel('Jenis lampiran').selectOption({ label: kind })
        await page.getByLabel('Berkas', { exact: true }).setInputFiles(file)
        await go(page, `${base}/attachments?done=added`, () =>
          page.getByRole('button', { name: 'Unggah', exact: true }).click(),
        )
        await page.getByText('Berkas dilampirkan.').waitFor()
      }
      const pdf = Buffer.from(demoPdf(['Proposal Koperasi Kopi Sanggau', 'Kelas gizi dan MPASI pangan lokal']))
      await upload('Proposal / pitch deck (PDF)', { name: 'proposal.pdf', mimeType: 'application/pdf', buffer: pdf })
      await upload('Foto (JPEG/PNG)', { name: 'kelas-gizi.png', mimeType: 'image/png', buffer: samplePng() })
      await page.getByRole('heading', { name: 'Berkas terlampir (2 dari 5)' }).waitFor()
      const table = page.getByRole('table')
      expect(await table.getByRole('row', { name: /proposal\.pdf/ }).textContent()).toContain('PDF')
      expect(await table.getByRole('row', { name: /kelas-gizi\.png/ }).textContent()).toContain('PNG')

      // Review everything, accept the notice, submit.
      await go(page, base, () =>
        page
          .getByRole('navigation', { name: 'Lokasi halaman' })
          .getByRole('link', { name: 'Permohonan', exact: true })
          .click(),
      )
      await go(page, `${base}/submit`, () => page.getByRole('link', { name: 'Periksa dan kirim' }).click())
      await expectHeading(page, 'Periksa dan kirim')
      await page.getByText('Prevalensi stunting: 31 → 20 %').waitFor()
      await page.getByText('Keluarga ikut kelas gizi: 0 → 600 keluarga').waitFor()
      await page.getByRole('heading', { name: 'Pemberitahuan pemrosesan data pribadi (versi 1)' }).waitFor()
      const expected = await nextReceipt()
      await page.getByRole('checkbox', { name: /Saya telah membaca pemberitahuan pemrosesan data pribadi/ }).check()
      await go(page, `${base}/receipt`, () => page.getByRole('button', { name: 'Kirim proposal' }).click())

      await expectHeading(page, 'Proposal terkirim')
      const receipt = (await page.getByText(receiptPattern).textContent()) as string
      expect(receipt).toMatch(receiptPattern)
      if (expected) expect(receipt).toBe(expected)
      await page.getByText('Pemberitahuan pemrosesan data yang disetujui: versi 1').waitFor()

      await expectStored(email, receipt)
      const mail = await openMail(page, email, `Proposal WiNNER diterima — ${receipt}`)
      expect(await mail.textContent()).toContain(`Nomor tanda terima: ${receipt}`)
      expect(await mail.textContent()).toContain(`${e2e.app.url}${base}`)
      // Some forty pages on two shared cores: far more than one test's default time.
    }, 180_000)
  }

  /**
   * The receipt number the next submission in Kalbar must get: the counter plus one
   * (the demo seed has already used some). Null on the embedded database, which only
   * the server process can open.
   */
  async function nextReceipt(): Promise<string | null> {
    if (!e2e.databaseUrl) return null
    const { db, close } = connect(e2e.databaseUrl, { as: 'owner', max: 1 })
    try {
      const row = await db
        .selectFrom('editions as e')
        .innerJoin('provinces as p', (join) => join.on('p.slug', '=', 'kalbar'))
        .leftJoin('receipt_counters as rc', (join) =>
          join.onRef('rc.edition_id', '=', 'e.id').onRef('rc.province_id', '=', 'p.id'),
        )
        .select('rc.last_number')
        .where('e.slug', '=', 'demo-current')
        .executeTakeFirstOrThrow()
      const sequence = (row.last_number ?? 0) + 1
      // The year of submission on Kalbar's calendar (submission-rules.ts); the submission follows at once.
      const year = instantToLocal(new Date(), 'Asia/Pontianak').slice(0, 4)
      return `WNR-${year}-KALBAR-${String(sequence).padStart(4, '0')}`
    } finally {
      await close()
    }
  }

  /** One submitted application of the new applicant, with consent, the receipt and its event. */
  async function expectStored(email: string, receipt: string): Promise<void> {
    if (!e2e.databaseUrl) return
    const { db, close } = connect(e2e.databaseUrl, { as: 'owner', max: 1 })
    try {
      const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
      const applications = await db
        .selectFrom('applications')
        .select(['id', 'status', 'receipt_number', 'consent_version', 'consent_at', 'submitted_at'])
        .where('applicant_id', '=', user.id)
        .execute()
      expect(applications).toHaveLength(1)
      const [application] = applications
      expect(application).toMatchObject({ status: 'submitted', receipt_number: receipt, consent_version: 1 })
      expect(application?.consent_at).toBeInstanceOf(Date)
      expect(application?.submitted_at).toBeInstanceOf(Date)
      const withReceipt = await db
        .selectFrom('applications')
        .select('id')
        .where('receipt_number', '=', receipt)
        .execute()
      expect(withReceipt).toHaveLength(1)
      const events = await db
        .selectFrom('application_events')
        .select('status')
        .where('application_id', '=', application?.id as string)
        .execute()
      expect(events.map((e) => e.status)).toEqual(['submitted'])
      const files = await db
        .selectFrom('application_files')
        .select('kind')
        .where('application_id', '=', application?.id as string)
        .orderBy('position')
        .execute()
      expect(files.map((f) => f.kind)).toEqual(['proposal', 'photo'])
      const consent = await db
        .selectFrom('audit_log')
        .select('action')
        .where('object_id', '=', application?.id as string)
        .where('action', 'in', ['application.consented', 'application.submitted'])
        .execute()
      expect(consent.map((c) => c.action).sort()).toEqual(['application.consented', 'application.submitted'])
    } finally {
      await close()
    }
  }
})
