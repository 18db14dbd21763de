import type { DemoApplicant } from './demo-applications-data.ts'
import type { OpdSeed, ProvinceIssueSeed } from './reference-data.ts'

// What the demo programme (demo-programme.ts) is made of: the provinces of the current
// demo edition that are further along (screening, review, awaiting the ministry, published), the
// 2023 history of Sulawesi Selatan, and the details every call shows (eligibility, FAQ,
// help desk). Everything here is illustrative ("(demo)", "Data demo.") except what the
// seed articles report: the 2023 phases, the 6–20 Feb 2023 registration, Sulsel's two
// issues (education; poverty reduction) and the two finalists who presented at the
// co-creation event in Masamba, Luwu Utara, on 18 Oct 2023: Skolla EdTech (access and
// quality of education) and Rappo Indonesia (poverty reduction). The articles give
// nothing else about them; their profiles and texts here are placeholders.

/** How far a province's call is taken: screened, reviewed, finalists sent to the ministry, published. */
export type DemoStage = 'screening' | 'review' | 'awaiting' | 'published'

/**
 * The provinces the programme seed adds a call to, with its window in days from the
 * moment of seeding. demo.ts has Kalbar (open), Sulsel (closed; its submissions wait for
 * screening) and Banten (closed; the programme screens it and reviews part of it). Jatim stays untouched: the
 * province that has not started (and the browser test of opening a call from nothing).
 */
export const programmeProvinces: Record<'ntt' | 'sumut', { stage: DemoStage; window: [number, number] }> = {
  sumut: { stage: 'published', window: [-58, -44] },
  ntt: { stage: 'awaiting', window: [-56, -42] },
}

export const programmeOpds: Record<string, OpdSeed[]> = {
  ntt: [
    { name: 'Dinas Kesehatan Provinsi Nusa Tenggara Timur (demo)', short_name: 'Dinkes' },
    { name: 'Dinas Sosial Provinsi Nusa Tenggara Timur (demo)', short_name: 'Dinsos' },
  ],
  sumut: [
    { name: 'Dinas Pendidikan Provinsi Sumatera Utara (demo)', short_name: 'Disdik' },
    { name: 'Dinas Lingkungan Hidup Provinsi Sumatera Utara (demo)', short_name: 'DLH' },
  ],
}

const issue = (
  code: ProvinceIssueSeed['issue'],
  lead: string,
  id: [string, string],
  en: [string, string],
): ProvinceIssueSeed => ({
  issue: code,
  lead,
  title_id: `${id[0]} (demo)`,
  title_en: `${en[0]} (demo)`,
  description_id: `Contoh isu untuk demo: ${id[1]}`,
  description_en: `Demo issue: ${en[1]}`,
})

export const programmeIssues: Record<string, ProvinceIssueSeed[]> = {
  ntt: [
    issue(
      'stunting-mch',
      'Dinkes',
      ['Stunting di desa kepulauan', 'posyandu di pulau kecil jarang mendapat bahan pangan bergizi.'],
      ['Stunting on small islands', 'health posts on small islands rarely get nutritious food.'],
    ),
    issue(
      'poverty',
      'Dinsos',
      ['Penghasilan keluarga petani lahan kering', 'panen sekali setahun membuat keluarga tanpa penghasilan.'],
      ['Income of dry-land farming families', 'one harvest a year leaves families without income.'],
    ),
  ],
  sumut: [
    issue(
      'education',
      'Disdik',
      ['Mutu pendidikan di daerah tepian danau', 'sekolah kecil kekurangan guru mata pelajaran.'],
      ['Quality of education around the lake', 'small schools lack subject teachers.'],
    ),
    issue(
      'waste',
      'DLH',
      ['Sampah di kawasan wisata', 'sampah pengunjung mencemari danau dan sungai.'],
      ['Waste in tourist areas', "visitors' waste pollutes the lake and rivers."],
    ),
  ],
}

/** [person, venture, legal form, regency position, issue code, what the venture does, problem, group]. */
type Row = readonly [string, string, DemoApplicant['legalForm'], number, string, string, string, string]

function applicants(rows: readonly Row[]): DemoApplicant[] {
  return rows.map(([person, venture, legalForm, regency, code, focus, problem, group], i) => ({
    email: `pendaftar${String(i + 1).padStart(2, '0')}`,
    person,
    venture,
    legalForm,
    stage: (['operating', 'scaling', 'prototype', 'operating'] as const)[i % 4] ?? 'operating',
    founded: 2014 + ((i * 3) % 9),
    regency,
    team: [
      [person, 'Pendiri', i % 2 === 0 ? 'female' : 'male', (['25_34', '35_44', '45_54'] as const)[i % 3] ?? '25_34'],
      [
        ['Maria', 'Rizal', 'Dewi', 'Yosef', 'Ayu', 'Hendrik'][i % 6] ?? 'Maria',
        'Koordinator program',
        i % 2 === 0 ? 'male' : 'female',
        'under_25',
      ],
    ],
    issue: code,
    focus,
    problem,
    group,
    count: 250 + i * 120,
    indicators: [
      ['Penerima manfaat yang dilayani rutin', String(40 + i * 10), String(300 + i * 50), 'orang'],
      ['Desa atau kelurahan yang dijangkau', String(2 + i), String(8 + 2 * i), 'desa'],
    ],
    budget: 60 + i * 15,
    funded: 5 + i * 4,
    outcome: 'submitted',
  }))
}

export const programmeApplicants: Record<keyof typeof programmeProvinces, DemoApplicant[]> = {
  ntt: applicants([
    [
      'Yuliana Bria',
      'Kelor Sehat Timor (demo)',
      'koperasi',
      0,
      'stunting-mch',
      'olahan daun kelor untuk makanan tambahan balita yang dijual ke posyandu',
      'Banyak balita di desa kami bertubuh pendek karena makanan tambahan jarang tersedia.',
      'keluarga dengan balita di desa lahan kering',
    ],
    [
      'Paulus Nenabu',
      'Perahu Gizi Alor (demo)',
      'community',
      3,
      'stunting-mch',
      'perahu yang mengantar ikan segar dan bahan pangan ke posyandu pulau kecil',
      'Posyandu di pulau kecil jarang menerima pangan bergizi karena ongkos kirim mahal.',
      'ibu hamil dan balita di pulau kecil',
    ],
    [
      'Maria Goreti',
      'Tenun Ikat Sejahtera (demo)',
      'koperasi',
      5,
      'poverty',
      'penjualan tenun ikat secara daring dengan harga adil bagi penenun',
      'Penenun menjual kain ke tengkulak dengan harga rendah sehingga penghasilan keluarga tidak cukup.',
      'perempuan penenun di desa',
    ],
    [
      'Agustinus Seran',
      'Embung Tani Belu (demo)',
      'cv',
      7,
      'poverty',
      'embung kecil dan irigasi tetes sewa bulanan untuk panen kedua',
      'Petani lahan kering hanya panen sekali setahun dan tidak punya penghasilan di musim kemarau.',
      'keluarga petani lahan kering',
    ],
    [
      'Fransiska Ndun',
      'Dapur Posyandu Kupang (demo)',
      'yayasan',
      1,
      'stunting-mch',
      'dapur bersama yang memasak menu bergizi untuk kelas ibu balita',
      'Ibu balita belum tahu cara memasak menu bergizi dari bahan pangan lokal.',
      'ibu dengan balita di kelurahan padat',
    ],
  ]),
  sumut: applicants([
    [
      'Rosmawati Sinaga',
      'Guru Keliling Toba (demo)',
      'yayasan',
      0,
      'education',
      'guru mata pelajaran keliling yang bergantian mengajar di sekolah kecil',
      'Sekolah kecil di tepian danau tidak punya guru untuk beberapa mata pelajaran.',
      'siswa SD dan SMP di sekolah kecil',
    ],
    [
      'Dimas Siregar',
      'Bank Sampah Danau (demo)',
      'community',
      2,
      'waste',
      'bank sampah yang menampung sampah plastik dari warung dan penginapan',
      'Sampah plastik dari kawasan wisata terbawa ke danau setiap musim hujan.',
      'warung dan penginapan di kawasan wisata',
    ],
    [
      'Lestari Nainggolan',
      'Pustaka Digital Samosir (demo)',
      'community',
      4,
      'education',
      'server bacaan luring yang dipasang di sekolah tanpa internet',
      'Siswa di pulau tidak punya akses ke buku bacaan dan bahan ajar digital.',
      'siswa di sekolah tanpa internet',
    ],
    [
      'Hotman Pardede',
      'Ecowisata Bersih Parapat (demo)',
      'cv',
      6,
      'waste',
      'paket wisata yang menyertakan kerja bakti dan pemilahan sampah',
      'Pengelola wisata tidak punya dana untuk mengangkut sampah pengunjung.',
      'pengelola wisata desa',
    ],
    [
      'Sarah Lubis',
      'Les Murah Medan (demo)',
      'pt',
      1,
      'education',
      'les kelompok bertarif rendah yang dibayar sebagian oleh mitra swasta',
      'Anak dari keluarga miskin tertinggal pelajaran karena tidak mampu membayar les.',
      'siswa dari keluarga miskin kota',
    ],
  ]),
}

/**
 * Sulsel in the demo edition: its call closed a few days ago and Bappeda has not screened
 * yet (the province in screening). Texts describe the work, never the venture's name.
 */
export const screeningApplicants: DemoApplicant[] = applicants([
  [
    'Andi Mappaturung',
    'Kelas Jauh Pegunungan Latimojong (demo)',
    'community',
    2,
    'education',
    'kelas belajar jarak jauh lewat radio komunitas dan modul cetak untuk dusun di pegunungan',
    'Anak-anak di dusun pegunungan berjalan dua jam ke sekolah dan sering tidak masuk saat musim hujan.',
    'siswa SD di dusun pegunungan',
  ],
  [
    'Hasnah Daeng Bau',
    'Koperasi Rumput Laut Takalar (demo)',
    'koperasi',
    9,
    'poverty',
    'koperasi pengeringan dan penjualan rumput laut bersama bagi keluarga pembudi daya',
    'Keluarga pembudi daya menjual rumput laut basah kepada tengkulak dengan harga yang terus turun.',
    'keluarga pembudi daya rumput laut di pesisir',
  ],
  [
    'Muh. Ikhsan',
    'Guru Bantu Digital Bone (demo)',
    'yayasan',
    5,
    'education',
    'pelatihan guru honorer memakai bahan ajar digital yang bisa dibuka tanpa internet',
    'Guru honorer di sekolah desa belum pernah dilatih memakai bahan ajar digital.',
    'guru honorer dan siswa sekolah desa',
  ],
  [
    'Nurul Fadhilah',
    'Dapur Usaha Perempuan Pangkep (demo)',
    'cv',
    14,
    'poverty',
    'dapur produksi bersama untuk olahan ikan yang dijual ke pasar kota',
    'Perempuan di pulau-pulau kecil tidak punya penghasilan saat suami tidak melaut.',
    'perempuan kepala keluarga di pulau kecil',
  ],
  [
    'Yusran Latief',
    'Perpustakaan Perahu Selayar (demo)',
    'community',
    20,
    'education',
    'perahu perpustakaan yang singgah bergiliran di sekolah-sekolah pulau',
    'Sekolah di pulau kecil hampir tidak punya buku bacaan selain buku pelajaran.',
    'siswa sekolah di pulau kecil',
  ],
])

/**
 * Sulawesi Selatan, 2023 (phase 2): the two issues the ERAT coordinator named for the
 * province at the co-creation event, led by the Luwu Utara agencies of the reference data.
 */
export const sulsel2023Issues: ProvinceIssueSeed[] = [
  {
    issue: 'education',
    lead: 'Disdikbud Lutra',
    title_id: 'Akses dan kualitas pendidikan',
    title_en: 'Access to and quality of education',
    description_id: 'Salah satu dua topik utama WiNNER di Sulawesi Selatan pada 2023.',
    description_en: 'One of the two main topics of WiNNER in South Sulawesi in 2023.',
  },
  {
    issue: 'poverty',
    lead: 'Dinsos Lutra',
    title_id: 'Pengurangan kemiskinan',
    title_en: 'Poverty reduction',
    description_id: 'Salah satu dua topik utama WiNNER di Sulawesi Selatan pada 2023.',
    description_en: 'One of the two main topics of WiNNER in South Sulawesi in 2023.',
  },
]

/**
 * Sulsel's phase 2 registration in 2023. The articles say only that phase 2 opened
 * after the April 2023 FGDs; these dates are the demo's assumption.
 */
export const sulsel2023Window = { opens_local: '2023-05-15T00:00', closes_local: '2023-05-29T23:59' }

const placeholder = (
  email: string,
  venture: string,
  code: 'education' | 'poverty',
  focus: string,
  i: number,
): DemoApplicant => ({
  email,
  person: `Demo Pendaftar 2023 ${i + 1}`,
  venture,
  legalForm: 'pt',
  stage: 'operating',
  regency: 0,
  team: [],
  issue: code,
  focus,
  problem:
    code === 'education'
      ? 'Sekolah di daerah kami kekurangan bahan ajar dan guru yang terlatih.'
      : 'Keluarga miskin di daerah kami belum punya penghasilan yang tetap.',
  group: code === 'education' ? 'siswa dan guru di daerah' : 'keluarga miskin di daerah',
  count: 300 + i * 100,
  indicators: [
    ['Penerima manfaat yang dilayani rutin', String(50 + i * 10), String(400 + i * 50), 'orang'],
    ['Kerja sama dengan perangkat daerah', '0', '1', 'perjanjian'],
  ],
  budget: 100,
  funded: 0,
  outcome: 'submitted',
})

/**
 * Sulsel 2023 applicants. The first two are the finalists the articles name; what the
 * articles do not say (legal form, texts, team) is a placeholder. Finalists are the
 * first three; the rest were not selected.
 */
export const sulsel2023Applicants: DemoApplicant[] = [
  placeholder(
    'skolla.2023',
    'Skolla EdTech',
    'education',
    'inovasi layanan terkait akses dan kualitas pendidikan (isi proposal ilustratif)',
    0,
  ),
  placeholder(
    'rappo.2023',
    'Rappo Indonesia',
    'poverty',
    'inovasi layanan terkait pengurangan kemiskinan (isi proposal ilustratif)',
    1,
  ),
  {
    ...placeholder(
      'pendaftar03.2023',
      'Kakao Lestari Masamba (demo)',
      'poverty',
      'pengolahan biji kakao petani kecil menjadi produk bernilai tambah',
      2,
    ),
    legalForm: 'koperasi',
    team: [['Andi Rahmawati', 'Ketua', 'female', '35_44']],
  },
  {
    ...placeholder(
      'pendaftar04.2023',
      'Rumah Belajar Luwu (demo)',
      'education',
      'kelas belajar sore bagi anak yang tertinggal pelajaran',
      3,
    ),
    legalForm: 'community',
    team: [['Muhammad Ilham', 'Pendiri', 'male', '25_34']],
  },
  {
    ...placeholder(
      'pendaftar05.2023',
      'Sutra Wajo Mandiri (demo)',
      'poverty',
      'penenunan sutra oleh ibu rumah tangga dengan pemasaran bersama',
      4,
    ),
    legalForm: 'koperasi',
    team: [['Hasnah Daeng', 'Ketua', 'female', '45_54']],
  },
]

/** Eligibility, FAQ and help desk of every demo call, in both languages; illustrative, not the real rules. */
export function callDetails(slug: string) {
  return {
    eligibility_id: [
      'Contoh persyaratan untuk demo:',
      '- Wirausaha sosial (perorangan, komunitas, koperasi, yayasan, CV atau PT) yang berkegiatan di provinsi ini.',
      '- Solusi menjawab salah satu isu strategis yang dipublikasikan untuk provinsi ini.',
      '- Sudah berjalan atau memiliki purwarupa; ide saja boleh bila tim siap menguji coba.',
      '- Satu usaha mengajukan satu proposal pada panggilan ini.',
    ].join('\n'),
    eligibility_en: [
      'Example requirements for the demo:',
      '- A social enterprise (individual, community, cooperative, foundation, CV or PT) working in this province.',
      '- The solution addresses one of the strategic issues published for this province.',
      '- Operating or with a prototype; an idea is welcome if the team is ready to pilot it.',
      '- One venture sends one proposal to this call.',
    ].join('\n'),
    faq_id: [
      'Contoh tanya jawab untuk demo:',
      'T: Apakah pendaftaran dipungut biaya?',
      'J: Tidak. Pendaftaran tidak dipungut biaya.',
      'T: Apakah nama usaha dilihat penilai?',
      'J: Tidak, bila penilaian buta diaktifkan: penilai hanya melihat isi proposal. Jangan menulis nama usaha di isian proposal.',
      'T: Kapan hasil diumumkan?',
      'J: Setelah Kementerian PANRB mengonfirmasi tiga finalis provinsi; semua pendaftar menerima surel.',
    ].join('\n'),
    faq_en: [
      'Example questions for the demo:',
      'Q: Is there a fee to apply?',
      'A: No. Applying is free.',
      "Q: Do reviewers see the venture's name?",
      'A: Not when blind review is on: reviewers see only the proposal. Do not write the name of your venture in the proposal.',
      'Q: When are results announced?',
      "A: Once the Ministry confirms the province's three finalists; every applicant is emailed.",
    ].join('\n'),
    max_applications: 1,
    helpdesk_email: `helpdesk.${slug}@demo.winner.id`,
    helpdesk_phone: '+62 000-0000-0000',
    helpdesk_whatsapp: undefined,
  }
}
