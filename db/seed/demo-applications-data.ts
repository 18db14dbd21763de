import type { AGE_BANDS, GENDERS, LEGAL_FORMS, STAGES } from '#app/modules/applications/venture.schema.ts'

// The fictional applicants of the demo: people, ventures and what they
// propose. Every venture name ends in "(demo)" and every text starts "Data demo." so
// nobody mistakes them for real applicants. Kalbar's call is open in the demo
// (drafts and some submissions); Banten's has closed (a dozen submissions to screen).

type Member = [name: string, role: string, gender: (typeof GENDERS)[number], age: (typeof AGE_BANDS)[number]]
type Indicator = [name: string, baseline: string, target: string, unit: string]

export interface DemoApplicant {
  /** Email local part; the province slug and @demo.winner.id are added. */
  email: string
  person: string
  venture: string
  legalForm: (typeof LEGAL_FORMS)[number]
  stage: (typeof STAGES)[number]
  founded?: number
  /** Position in the province's kabupaten/kota list (wraps around). */
  regency: number
  team: Member[]
  /** National issue code of the province issue addressed. */
  issue: string
  /** What the venture does ("bank sampah digital untuk …"). */
  focus: string
  problem: string
  group: string
  count: number
  indicators: [Indicator, Indicator, ...Indicator[]]
  /** Budget asked and funding secured, in million rupiah. */
  budget: number
  funded: number
  outcome: 'draft' | 'submitted'
}

export const demoApplicants: Record<'kalbar' | 'banten', DemoApplicant[]> = {
  kalbar: [
    {
      email: 'applicant',
      person: 'Demo Pendaftar Kalimantan Barat',
      venture: 'Komunitas Baca Tepian Kapuas (demo)',
      legalForm: 'community',
      stage: 'prototype',
      founded: 2020,
      regency: 12,
      team: [
        ['Rina Oktaviani', 'Pendiri', 'female', '25_34'],
        ['Yohanes Ading', 'Relawan pengajar', 'male', 'under_25'],
      ],
      issue: 'education',
      focus: 'perahu pustaka yang singgah di desa-desa tepian sungai',
      problem: 'Anak-anak di desa tepian Sungai Kapuas jarang memegang buku bacaan di luar buku pelajaran.',
      group: 'anak usia sekolah dasar di desa tepian sungai',
      count: 450,
      indicators: [
        ['Anak yang lancar membaca di kelas 3', '48', '75', '%'],
        ['Desa yang disinggahi rutin', '3', '12', 'desa'],
      ],
      budget: 60,
      funded: 8,
      outcome: 'draft',
    },
    {
      email: 'pendaftar01',
      person: 'Agustina Lestari',
      venture: 'Dapur Gizi Sambas (demo)',
      legalForm: 'cv',
      stage: 'operating',
      founded: 2019,
      regency: 0,
      team: [
        ['Agustina Lestari', 'Pendiri', 'female', '35_44'],
        ['Hendra Saputra', 'Ahli gizi', 'male', '25_34'],
        ['Nur Aini', 'Kader posyandu', 'female', '45_54'],
      ],
      issue: 'stunting-mch',
      focus: 'makanan pendamping ASI dari ikan dan sayur lokal yang dijual terjangkau',
      problem: 'Satu dari tiga balita di desa dampingan kami tercatat pendek untuk usianya.',
      group: 'keluarga dengan balita di desa pesisir Sambas',
      count: 900,
      indicators: [
        ['Prevalensi stunting balita', '33', '22', '%'],
        ['Keluarga yang rutin membeli MPASI lokal', '40', '400', 'keluarga'],
      ],
      budget: 120,
      funded: 35,
      outcome: 'submitted',
    },
    {
      email: 'pendaftar02',
      person: 'Markus Ajun',
      venture: 'Air Bersih Landak Mandiri (demo)',
      legalForm: 'koperasi',
      stage: 'operating',
      founded: 2017,
      regency: 2,
      team: [
        ['Markus Ajun', 'Ketua koperasi', 'male', '45_54'],
        ['Sisilia Dewi', 'Bendahara', 'female', '35_44'],
      ],
      issue: 'water-sanitation',
      focus: 'penyaring air gravitasi milik koperasi desa dengan iuran bulanan',
      problem: 'Warga di hulu Landak masih meminum air sungai yang keruh saat musim hujan.',
      group: 'rumah tangga di desa hulu sungai',
      count: 1300,
      indicators: [
        ['Rumah tangga dengan air minum layak', '35', '80', '%'],
        ['Kasus diare balita per tahun', '120', '50', 'kasus'],
        ['Unit penyaring yang dirawat koperasi', '4', '20', 'unit'],
      ],
      budget: 150,
      funded: 40,
      outcome: 'submitted',
    },
    {
      email: 'pendaftar03',
      person: 'Fransiska Imelda',
      venture: 'Sekolah Tenun Sintang (demo)',
      legalForm: 'yayasan',
      stage: 'scaling',
      founded: 2015,
      regency: 4,
      team: [
        ['Fransiska Imelda', 'Direktur', 'female', '35_44'],
        ['Lusia Endang', 'Penenun senior', 'female', '55_plus'],
        ['Daniel Tarigan', 'Pemasaran daring', 'male', 'under_25'],
      ],
      issue: 'child-marriage',
      focus: 'sekolah tenun dan beasiswa bagi remaja putri dari hasil penjualan kain',
      problem: 'Remaja putri yang putus sekolah di desa kami sering dinikahkan sebelum usia 18 tahun.',
      group: 'remaja putri usia 13 sampai 18 tahun',
      count: 300,
      indicators: [
        ['Remaja putri peserta yang tetap bersekolah', '60', '95', '%'],
        ['Perkawinan anak di desa dampingan', '14', '4', 'kasus per tahun'],
      ],
      budget: 90,
      funded: 30,
      outcome: 'submitted',
    },
    {
      email: 'pendaftar04',
      person: 'Abdul Rahman',
      venture: 'Lada Kapuas Hulu Sejahtera (demo)',
      legalForm: 'koperasi',
      stage: 'operating',
      founded: 2018,
      regency: 6,
      team: [
        ['Abdul Rahman', 'Ketua', 'male', '35_44'],
        ['Siti Maryam', 'Pengendali mutu', 'female', '25_34'],
      ],
      issue: 'poverty',
      focus: 'pengolahan dan pemasaran lada putih bersama petani kecil',
      problem: 'Petani lada kecil menjual ke tengkulak dengan harga jauh di bawah harga pasar.',
      group: 'keluarga petani lada',
      count: 220,
      indicators: [
        ['Pendapatan rata-rata petani anggota', '1,8', '3,0', 'juta rupiah per bulan'],
        ['Lada yang dijual lewat koperasi', '5', '40', 'ton per tahun'],
      ],
      budget: 140,
      funded: 25,
      outcome: 'submitted',
    },
    {
      email: 'pendaftar05',
      person: 'Yuliana Kartika',
      venture: 'Posyandu Pintar Pontianak (demo)',
      legalForm: 'pt',
      stage: 'prototype',
      founded: 2022,
      regency: 12,
      team: [
        ['Yuliana Kartika', 'Pendiri', 'female', '25_34'],
        ['Rizky Pratama', 'Pengembang aplikasi', 'male', 'under_25'],
        ['Dewi Anggraini', 'Bidan', 'female', '35_44'],
      ],
      issue: 'stunting-mch',
      focus: 'aplikasi pencatatan tumbuh kembang balita untuk kader posyandu yang bekerja tanpa sinyal',
      problem: 'Data penimbangan balita dicatat di buku dan terlambat sampai ke puskesmas.',
      group: 'kader posyandu dan keluarga dengan balita',
      count: 2500,
      indicators: [
        ['Posyandu yang melapor tepat waktu', '30', '90', '%'],
        ['Balita berisiko yang dirujuk dalam seminggu', '20', '80', '%'],
      ],
      budget: 110,
      funded: 15,
      outcome: 'submitted',
    },
    {
      email: 'pendaftar06',
      person: 'Stefanus Apui',
      venture: 'Kebun Sekolah Bengkayang (demo)',
      legalForm: 'community',
      stage: 'idea',
      regency: 5,
      team: [['Stefanus Apui', 'Penggagas', 'male', '25_34']],
      issue: 'education',
      focus: 'kebun sekolah sebagai bahan ajar sains dan sumber sarapan murid',
      problem: 'Banyak murid datang ke sekolah tanpa sarapan dan sulit berkonsentrasi.',
      group: 'murid sekolah dasar',
      count: 600,
      indicators: [
        ['Murid yang sarapan sebelum belajar', '45', '85', '%'],
        ['Nilai rata-rata sains kelas 5', '58', '70', 'poin'],
      ],
      budget: 40,
      funded: 0,
      outcome: 'draft',
    },
    {
      email: 'pendaftar07',
      person: 'Hasanah Putri',
      venture: 'Rumah Jahit Ketapang (demo)',
      legalForm: 'individual',
      stage: 'operating',
      founded: 2021,
      regency: 3,
      team: [
        ['Hasanah Putri', 'Pemilik', 'female', '35_44'],
        ['Ani Suryani', 'Penjahit', 'female', '45_54'],
      ],
      issue: 'poverty',
      focus: 'pelatihan menjahit dan pesanan seragam bagi ibu kepala keluarga',
      problem: 'Ibu kepala keluarga di kampung nelayan tidak punya penghasilan tetap.',
      group: 'ibu kepala keluarga',
      count: 80,
      indicators: [
        ['Peserta yang berpenghasilan tetap', '10', '60', 'orang'],
        ['Pesanan seragam per tahun', '300', '2000', 'potong'],
      ],
      budget: 55,
      funded: 12,
      outcome: 'draft',
    },
  ],
  banten: [
    {
      email: 'applicant',
      person: 'Demo Pendaftar Banten',
      venture: 'Bank Sampah Pesisir Anyer (demo)',
      legalForm: 'community',
      stage: 'operating',
      founded: 2019,
      regency: 3,
      team: [
        ['Ratna Sari', 'Ketua', 'female', '35_44'],
        ['Iwan Setiawan', 'Pengelola gudang', 'male', '45_54'],
      ],
      issue: 'waste',
      focus: 'bank sampah dengan tabungan emas bagi warga pesisir',
      problem: 'Sampah rumah tangga di pesisir Anyer berakhir di pantai setiap musim angin barat.',
      group: 'rumah tangga di desa pesisir',
      count: 1500,
      indicators: [
        ['Sampah terpilah yang disetor', '2', '25', 'ton per bulan'],
        ['Rumah tangga nasabah aktif', '150', '1200', 'rumah tangga'],
      ],
      budget: 95,
      funded: 20,
      outcome: 'submitted',
    },
    ...(
      [
        [
          'Ahmad Fauzi',
          'Maggot Lebak Lestari (demo)',
          'cv',
          1,
          'waste',
          'budidaya maggot untuk mengolah sampah organik pasar menjadi pakan',
        ],
        [
          'Siti Nurhaliza',
          'Warung Pangan Keluarga Pandeglang (demo)',
          'koperasi',
          0,
          'poverty',
          'warung koperasi yang menjual bahan pangan murah dengan pembayaran harian',
        ],
        [
          'Budi Santoso',
          'Daur Plastik Tangerang (demo)',
          'pt',
          2,
          'waste',
          'pengolahan plastik kresek menjadi paving block',
        ],
        [
          'Euis Komariah',
          'Dapur Bersama Serang (demo)',
          'community',
          3,
          'poverty',
          'dapur bersama yang mempekerjakan ibu dari keluarga miskin ekstrem',
        ],
        [
          'Rudi Hartono',
          'Pantai Bersih Carita (demo)',
          'community',
          0,
          'waste',
          'patroli sampah pantai yang dibiayai paket wisata edukasi',
        ],
        [
          'Lilis Suryani',
          'Sentra Anyaman Lebak (demo)',
          'koperasi',
          1,
          'poverty',
          'anyaman pandan yang dipasarkan daring oleh pemuda desa',
        ],
        [
          'Dedi Kurniawan',
          'Kompos Kota Cilegon (demo)',
          'cv',
          6,
          'waste',
          'kompos dari sampah dapur hotel dan restoran',
        ],
        [
          'Yanti Mulyani',
          'Data Warga Peduli (demo)',
          'yayasan',
          5,
          'poverty',
          'pendataan keluarga miskin ekstrem oleh relawan dengan aplikasi luring',
        ],
        [
          'Asep Saepudin',
          'Ecobrick Sekolah Banten (demo)',
          'community',
          4,
          'waste',
          'gerakan ecobrick di sekolah yang ditukar dengan alat tulis',
        ],
        [
          'Nurul Hidayah',
          'Modal Tani Perempuan (demo)',
          'koperasi',
          7,
          'poverty',
          'pinjaman bergulir dan pendampingan bagi petani perempuan',
        ],
        [
          'Joko Prasetyo',
          'Minyak Jelantah Berkah (demo)',
          'pt',
          2,
          'waste',
          'pengumpulan minyak jelantah rumah tangga untuk biodiesel',
        ],
      ] as const
    ).map(
      ([person, venture, legalForm, regency, issue, focus], i): DemoApplicant => ({
        email: `pendaftar${String(i + 1).padStart(2, '0')}`,
        person,
        venture,
        legalForm,
        stage: (['idea', 'prototype', 'operating', 'scaling'] as const)[(i + 1) % 4] ?? 'operating',
        founded: 2015 + (i % 8),
        regency,
        team: [
          [
            person,
            'Pendiri',
            i % 2 === 0 ? 'male' : 'female',
            (['25_34', '35_44', '45_54'] as const)[i % 3] ?? '25_34',
          ],
          [
            ['Wulan', 'Fajar', 'Intan', 'Gilang'][i % 4] ?? 'Wulan',
            'Koordinator lapangan',
            i % 3 === 0 ? 'unspecified' : i % 2 === 0 ? 'female' : 'male',
            (['under_25', '25_34', 'unspecified'] as const)[i % 3] ?? 'under_25',
          ],
        ],
        issue,
        focus,
        problem:
          issue === 'waste'
            ? 'Sampah yang tidak terangkut menumpuk di saluran air dan pantai di wilayah kami.'
            : 'Keluarga miskin ekstrem di wilayah kami belum terjangkau program bantuan dan tidak punya penghasilan tetap.',
        group: issue === 'waste' ? 'warga dan pelaku usaha kecil di wilayah layanan' : 'keluarga miskin ekstrem',
        count: 200 + i * 150,
        indicators:
          issue === 'waste'
            ? [
                ['Sampah yang diolah', String(1 + i), String(10 + 3 * i), 'ton per bulan'],
                ['Titik timbunan liar', String(12 + i), String(3 + (i % 3)), 'titik'],
              ]
            : [
                ['Keluarga dampingan berpenghasilan tetap', String(5 + i), String(50 + 10 * i), 'keluarga'],
                ['Pengeluaran pangan keluarga dampingan', '70', '55', '% dari pendapatan'],
              ],
        budget: 50 + i * 10,
        funded: i * 3,
        outcome: 'submitted',
      }),
    ),
  ],
}
