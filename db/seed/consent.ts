import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'

// The data-processing notice applicants accept before submitting (issue 6, UU 27/2022
// on personal data protection). Version 1 is seeded for every edition that has none;
// a changed text is a new version (a new row), never an edit, so the version an
// applicant accepted stays readable.

export const NOTICE_ID = `Pemberitahuan Pemrosesan Data Pribadi — WiNNER

Siapa kami. WiNNER diselenggarakan oleh Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi (KemenPANRB) bersama pemerintah provinsi peserta, dengan dukungan USAID-ERAT.

Data yang kami kumpulkan. Nama, alamat email, nomor telepon dan bahasa pilihan Anda; profil usaha dan anggota tim yang Anda isikan; seluruh isi proposal (masalah, solusi, model bisnis, dampak, indikator, kolaborasi, anggaran) serta berkas yang Anda unggah; dan catatan teknis seperti waktu dan alamat IP saat Anda menyimpan atau mengirim.

Untuk apa data dipakai. Untuk menjalankan kompetisi: memeriksa kelengkapan, menilai proposal oleh penilai dari perangkat daerah (OPD) provinsi Anda, memilih finalis, pendampingan dan kerja sama (co-creation). KemenPANRB dan USAID-ERAT dapat membaca data untuk pengawasan dan pelaporan program. Ide yang terpilih dapat dicatat di Jaringan Informasi Pelayanan Publik Nasional (JIPPNas) agar dapat direplikasi daerah lain. Kami tidak menjual data Anda dan tidak memakainya untuk iklan.

Berapa lama disimpan. Selama edisi kompetisi berlangsung dan lima tahun sesudahnya untuk keperluan akuntabilitas dan arsip program; setelah itu data dihapus atau dianonimkan, kecuali yang wajib disimpan lebih lama menurut peraturan kearsipan.

Hak Anda menurut UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi. Anda berhak mendapat informasi tentang pemrosesan ini, mengakses dan memperoleh salinan data Anda, memperbaiki data yang keliru, meminta penghapusan atau pembatasan pemrosesan, serta menarik persetujuan. Menarik persetujuan atau mengundurkan diri tidak membatalkan pemrosesan yang sudah terjadi sebelumnya, tetapi proposal Anda tidak akan dinilai lagi.

Kontak. Pertanyaan dan permintaan terkait data pribadi dapat dikirim ke privasi@winner.id. Kami menjawab paling lambat 3 x 24 jam sejak permintaan diterima.`

export const NOTICE_EN = `Personal Data Processing Notice — WiNNER

Who we are. WiNNER is run by the Ministry of Administrative and Bureaucratic Reform (KemenPANRB) together with the participating provincial governments, with support from USAID-ERAT.

What we collect. Your name, email address, phone number and preferred language; the venture profile and team members you enter; everything in your application (problem, solution, business model, impact, indicators, collaboration, budget) and the files you upload; and technical records such as the time and IP address when you save or submit.

Why we use it. To run the competition: checking eligibility, review of applications by reviewers from your province's agencies (OPD), selecting finalists, mentoring and co-creation. KemenPANRB and USAID-ERAT may read the data to oversee and report on the programme. Selected ideas may be recorded in the national public-service innovation network (JIPPNas) so other regions can replicate them. We do not sell your data or use it for advertising.

How long we keep it. For the edition of the competition and five years after it, for accountability and the programme's records; after that the data is deleted or anonymised, except what archival regulations require us to keep longer.

Your rights under Law No. 27 of 2022 on Personal Data Protection. You have the right to be informed about this processing, to access and obtain a copy of your data, to correct inaccurate data, to ask for deletion or restriction of processing, and to withdraw your consent. Withdrawing consent or withdrawing your application does not undo processing that already took place, but your application will no longer be reviewed.

Contact. Questions and requests about personal data can be sent to privasi@winner.id. We answer within 3 x 24 hours of receiving a request.`

/** Seeds notice version 1 for every edition without a notice. Safe to run any number of times. */
export async function seedConsentNotices(db: Kysely<Database>): Promise<void> {
  const editions = await db
    .selectFrom('editions')
    .select('id')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(selectFrom('consent_notices').select('id').whereRef('consent_notices.edition_id', '=', 'editions.id')),
      ),
    )
    .execute()
  if (editions.length === 0) return
  await db
    .insertInto('consent_notices')
    .values(editions.map((e) => ({ edition_id: e.id, version: 1, text_id: NOTICE_ID, text_en: NOTICE_EN })))
    .onConflict((oc) => oc.columns(['edition_id', 'version']).doNothing())
    .execute()
}
