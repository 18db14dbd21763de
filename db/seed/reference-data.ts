// Reference data drawn from the seed articles (../shared/seeds): the 2023 edition,
// its phases and provinces, the seven national issues, the OPDs the articles name,
// Kalbar's five issues validated at the FGD of 11 April 2023, and the 6–20 Feb 2023
// registration window reported for phase 1 (Banten, NTT).

export const provinces = [
  { slug: 'banten', name: 'Banten', bps_code: '36', time_zone: 'Asia/Jakarta' },
  { slug: 'ntt', name: 'Nusa Tenggara Timur', bps_code: '53', time_zone: 'Asia/Makassar' },
  { slug: 'sumut', name: 'Sumatera Utara', bps_code: '12', time_zone: 'Asia/Jakarta' },
  { slug: 'kalbar', name: 'Kalimantan Barat', bps_code: '61', time_zone: 'Asia/Pontianak' },
  { slug: 'jatim', name: 'Jawa Timur', bps_code: '35', time_zone: 'Asia/Jakarta' },
  { slug: 'sulsel', name: 'Sulawesi Selatan', bps_code: '73', time_zone: 'Asia/Makassar' },
] as const

export const nationalIssues = [
  {
    code: 'poverty',
    name_id: 'Pengurangan Kemiskinan',
    name_en: 'Poverty reduction',
    description_id: 'Menurunkan angka kemiskinan melalui pemberdayaan ekonomi dan perlindungan sosial.',
    description_en: 'Reducing poverty through economic empowerment and social protection.',
  },
  {
    code: 'health',
    name_id: 'Kesehatan',
    name_en: 'Health',
    description_id: 'Memperluas akses dan mutu layanan kesehatan masyarakat.',
    description_en: 'Wider access to better public health services.',
  },
  {
    code: 'water-sanitation',
    name_id: 'Air Bersih dan Sanitasi',
    name_en: 'Clean water and sanitation',
    description_id: 'Akses air minum yang aman serta sanitasi yang layak.',
    description_en: 'Access to safe drinking water and decent sanitation.',
  },
  {
    code: 'education',
    name_id: 'Akses dan Kualitas Pendidikan',
    name_en: 'Access to and quality of education',
    description_id: 'Memperluas akses pendidikan dan meningkatkan mutunya.',
    description_en: 'Widening access to education and raising its quality.',
  },
  {
    code: 'stunting-mch',
    name_id: 'Stunting, Kesehatan Ibu dan Anak',
    name_en: 'Stunting, maternal and child health',
    description_id: 'Pencegahan stunting serta kesehatan ibu dan anak.',
    description_en: 'Preventing stunting; maternal and child health.',
  },
  {
    code: 'child-marriage',
    name_id: 'Perkawinan Anak',
    name_en: 'Child marriage',
    description_id: 'Pencegahan perkawinan usia anak.',
    description_en: 'Preventing marriage of children.',
  },
  {
    code: 'waste',
    name_id: 'Pengelolaan Sampah',
    name_en: 'Waste management',
    description_id: 'Pengurangan dan pengelolaan sampah yang berkelanjutan.',
    description_en: 'Reducing waste and managing it sustainably.',
  },
] as const

export const edition2023 = {
  slug: '2023',
  name: 'WiNNER 2023',
  starts_on: '2022-10-01',
  ends_on: '2023-09-30',
  legal_basis: 'KepmenPANRB No. 139/2023',
  status: 'closed',
  phases: [
    { number: 1, provinces: ['banten', 'ntt'] },
    { number: 2, provinces: ['sumut', 'kalbar', 'jatim', 'sulsel'] },
  ],
} as const

export interface OpdSeed {
  name: string
  short_name: string
  head_name?: string
}

export const opdsByProvince: Record<string, OpdSeed[]> = {
  kalbar: [
    { name: 'Dinas Kesehatan Provinsi Kalimantan Barat', short_name: 'Dinkes', head_name: 'Hary Agung Tjahyadi' },
    { name: 'Dinas Pekerjaan Umum dan Penataan Ruang Provinsi Kalimantan Barat', short_name: 'PUPR' },
    { name: 'Dinas Pendidikan Provinsi Kalimantan Barat', short_name: 'Disdik' },
    {
      name: 'Dinas Pemberdayaan Perempuan dan Perlindungan Anak Provinsi Kalimantan Barat',
      short_name: 'DP3A',
      head_name: 'Yuline Marhaeni',
    },
    { name: 'Badan Perencanaan Pembangunan Daerah Provinsi Kalimantan Barat', short_name: 'Bappeda' },
  ],
  // The Luwu Utara co-creation event (18 Oct 2023) names these regency agencies.
  sulsel: [
    {
      name: 'Dinas Pendidikan dan Kebudayaan Kabupaten Luwu Utara',
      short_name: 'Disdikbud Lutra',
      head_name: 'Misbah',
    },
    { name: 'Dinas Sosial Kabupaten Luwu Utara', short_name: 'Dinsos Lutra', head_name: 'Ari Setiawan' },
    {
      name: 'Dinas Kepemudaan, Olahraga dan Pariwisata Kabupaten Luwu Utara',
      short_name: 'Disporapar Lutra',
      head_name: 'Jumail Mappile',
    },
    {
      name: 'Dinas Transmigrasi dan Tenaga Kerja Kabupaten Luwu Utara',
      short_name: 'Distransnaker Lutra',
      head_name: 'Eka Rusli',
    },
    { name: 'Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Luwu Utara', short_name: 'DPMD Lutra' },
  ],
}

export interface ProvinceIssueSeed {
  issue: (typeof nationalIssues)[number]['code']
  lead: string
  title_id: string
  title_en: string
  description_id: string
  description_en: string
}

/** Kalbar's five strategic issues, validated with its OPDs at the FGD in Pontianak on 11 April 2023. */
export const kalbar2023 = {
  validated_on: '2023-04-11',
  validation_place: 'Pontianak',
  issues: [
    {
      issue: 'education',
      lead: 'Disdik',
      title_id: 'Akses dan kualitas pendidikan',
      title_en: 'Access to and quality of education',
      description_id: 'Isu strategis yang dipaparkan Dinas Pendidikan pada FGD validasi.',
      description_en: 'Strategic issue presented by the Education Office at the validation FGD.',
    },
    {
      issue: 'child-marriage',
      lead: 'DP3A',
      title_id: 'Perkawinan anak',
      title_en: 'Child marriage',
      description_id: 'Isu strategis yang dipaparkan DP3A pada FGD validasi.',
      description_en: 'Strategic issue presented by the women and child protection office at the validation FGD.',
    },
    {
      issue: 'stunting-mch',
      lead: 'Dinkes',
      title_id: 'Stunting, kesehatan ibu dan anak',
      title_en: 'Stunting, maternal and child health',
      description_id: 'Isu strategis yang dipaparkan Dinas Kesehatan pada FGD validasi.',
      description_en: 'Strategic issue presented by the Health Office at the validation FGD.',
    },
    {
      issue: 'water-sanitation',
      lead: 'PUPR',
      title_id: 'Air dan sanitasi',
      title_en: 'Water and sanitation',
      description_id: 'Isu strategis yang dipaparkan Dinas PUPR pada FGD validasi.',
      description_en: 'Strategic issue presented by the Public Works office at the validation FGD.',
    },
    {
      issue: 'poverty',
      lead: 'Bappeda',
      title_id: 'Pengurangan kemiskinan',
      title_en: 'Poverty reduction',
      description_id: 'Isu strategis yang dipaparkan Bappeda pada FGD validasi.',
      description_en: 'Strategic issue presented by Bappeda at the validation FGD.',
    },
  ] satisfies ProvinceIssueSeed[],
}

/** Registration 6–20 Feb 2023 (local time) for phase 1, as reported on 6 Feb 2023. */
export const calls2023 = [
  { province: 'banten', opens_local: '2023-02-06T00:00', closes_local: '2023-02-20T23:59' },
  { province: 'ntt', opens_local: '2023-02-06T00:00', closes_local: '2023-02-20T23:59' },
] as const

/** Dated steps the articles report: phase 1's registration window, phase 2's Kalbar FGD. */
export const milestones2023 = [
  { phase: 1, kind: 'registration_open', starts_on: '2023-02-06', ends_on: null, note: null },
  { phase: 1, kind: 'registration_close', starts_on: '2023-02-20', ends_on: null, note: null },
  {
    phase: 2,
    kind: 'fgd_validation',
    starts_on: '2023-04-11',
    ends_on: null,
    note: 'FGD validasi isu strategis Provinsi Kalimantan Barat, Pontianak',
  },
] as const
