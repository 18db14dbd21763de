// WiNNER's default rubric: what a call starts with before Bappeda adjusts it. Data only.
//
// Weights (sum 100), from the programme's stated aims in the seed articles:
// - issue_fit 20: the first principle is helping the local government solve its strategic
//   issue ("membantu pemerintah daerah dalam menyelesaikan isu strategis");
// - innovation 20: the competition exists to explore public-service innovation ("eksplorasi
//   inovasi pelayanan publik") and ideas are meant to be replicated elsewhere;
// - impact_inclusion 20: one of the three goals is inclusive economic growth ("pertumbuhan
//   ekonomi yang inklusif"), and social enterprise is the point of the competition;
// - feasibility 15 and collaboration 15: the aims ask for sustainable business ("bisnis yang
//   berkelanjutan") and for linking entrepreneurs with OPDs and the private sector
//   ("kolaborasi dan pelibatan sektor swasta"), which matter but follow from a good idea;
// - team 10: the programme itself builds capacity (a month of mentoring for finalists), so
//   the team's current strength weighs least.

export type LocalisedText = { readonly id: string; readonly en: string }

export type DefaultCriterionKey =
  | 'issue_fit'
  | 'innovation'
  | 'impact_inclusion'
  | 'feasibility'
  | 'collaboration'
  | 'team'

export type RubricCriterionTemplate = {
  readonly key: DefaultCriterionKey
  readonly weight: number
  readonly title: LocalisedText
  /** What the criterion asks, one line. */
  readonly description: LocalisedText
  /** Levels 1 to 5, in order. */
  readonly levels: readonly [LocalisedText, LocalisedText, LocalisedText, LocalisedText, LocalisedText]
}

export const DEFAULT_RUBRIC: readonly RubricCriterionTemplate[] = [
  {
    key: 'issue_fit',
    weight: 20,
    title: { id: 'Kesesuaian dengan isu strategis', en: 'Fit with the strategic issue' },
    description: {
      id: 'Seberapa tepat gagasan menjawab isu strategis provinsi dan layanan OPD pemiliknya.',
      en: "How precisely the idea answers the province's strategic issue and the owning OPD's services.",
    },
    levels: [
      {
        id: 'Gagasan tidak berkaitan dengan isu strategis yang dipilih.',
        en: 'The idea is unrelated to the chosen strategic issue.',
      },
      {
        id: 'Gagasan hanya menyinggung isu secara umum tanpa menyasar masalah layanan publik yang nyata.',
        en: 'The idea touches the issue only in general terms, without targeting a real public-service problem.',
      },
      {
        id: 'Gagasan menjawab sebagian masalah dalam isu, tetapi kaitannya dengan layanan OPD belum jelas.',
        en: "The idea addresses part of the issue, but its link to the OPD's services is unclear.",
      },
      {
        id: 'Gagasan menjawab masalah inti isu dan jelas mendukung layanan OPD terkait.',
        en: "The idea addresses the heart of the issue and clearly supports the OPD's services.",
      },
      {
        id: 'Gagasan menjawab masalah inti secara tepat, berbasis data daerah, dan selaras dengan prioritas OPD.',
        en: "The idea precisely addresses the heart of the issue, rests on local data and matches the OPD's priorities.",
      },
    ],
  },
  {
    key: 'innovation',
    weight: 20,
    title: { id: 'Inovasi', en: 'Innovation' },
    description: {
      id: 'Seberapa baru dan lebih baik cara yang ditawarkan dibanding layanan yang sudah ada.',
      en: 'How new, and how much better, the approach is compared with existing services.',
    },
    levels: [
      {
        id: 'Tidak ada unsur baru; gagasan meniru layanan yang sudah berjalan.',
        en: 'Nothing is new; the idea copies a service that already runs.',
      },
      {
        id: 'Unsur barunya kecil dan tidak mengubah cara layanan diberikan.',
        en: 'The novelty is minor and does not change how the service is delivered.',
      },
      {
        id: 'Gagasan mengadaptasi cara yang sudah ada dengan perbaikan yang berarti bagi daerah ini.',
        en: 'The idea adapts an existing approach with meaningful improvements for this region.',
      },
      {
        id: 'Gagasan menawarkan cara baru yang jelas lebih baik daripada layanan yang ada.',
        en: 'The idea offers a new approach that is clearly better than current services.',
      },
      {
        id: 'Gagasan sangat orisinal, memanfaatkan teknologi atau model baru, dan layak direplikasi di daerah lain.',
        en: 'The idea is highly original, uses new technology or models, and is worth replicating in other regions.',
      },
    ],
  },
  {
    key: 'impact_inclusion',
    weight: 20,
    title: { id: 'Dampak sosial dan inklusi', en: 'Social impact and inclusion' },
    description: {
      id: 'Siapa yang mendapat manfaat, seberapa besar, dan apakah kelompok rentan ikut terjangkau.',
      en: 'Who benefits, by how much, and whether vulnerable groups are reached.',
    },
    levels: [
      {
        id: 'Manfaat bagi masyarakat tidak jelas dan tidak ada sasaran penerima manfaat.',
        en: 'The benefit to society is unclear and no one is targeted.',
      },
      {
        id: 'Manfaatnya terbatas dan tidak menjangkau kelompok rentan.',
        en: 'The benefit is limited and does not reach vulnerable groups.',
      },
      {
        id: 'Manfaatnya jelas bagi sasaran tertentu, tetapi belum ada cara untuk mengukur dampaknya.',
        en: 'The benefit to a defined group is clear, but there is no way yet to measure the impact.',
      },
      {
        id: 'Dampaknya terukur dan menjangkau kelompok rentan seperti perempuan, penyandang disabilitas, atau warga miskin.',
        en: 'The impact is measurable and reaches vulnerable groups such as women, people with disabilities or the poor.',
      },
      {
        id: 'Dampaknya luas dan terukur, melibatkan kelompok rentan secara aktif, dan mendorong pertumbuhan ekonomi yang inklusif.',
        en: 'The impact is broad and measurable, actively involves vulnerable groups and drives inclusive economic growth.',
      },
    ],
  },
  {
    key: 'feasibility',
    weight: 15,
    title: {
      id: 'Kelayakan dan keberlanjutan model bisnis',
      en: 'Feasibility and sustainability of the business model',
    },
    description: {
      id: 'Apakah gagasan dapat dijalankan dan membiayai dirinya sendiri dalam jangka panjang.',
      en: 'Whether the idea can be carried out and pay its own way in the long run.',
    },
    levels: [
      {
        id: 'Tidak ada model bisnis maupun rencana pendanaan.',
        en: 'There is neither a business model nor a funding plan.',
      },
      {
        id: 'Model bisnis ada, tetapi sepenuhnya bergantung pada hibah atau anggaran pemerintah.',
        en: 'A business model exists but depends entirely on grants or government budgets.',
      },
      {
        id: 'Model bisnis masuk akal, tetapi biaya, pendapatan, dan risikonya belum dihitung.',
        en: 'The business model is plausible, but its costs, revenue and risks are not worked out.',
      },
      {
        id: 'Model bisnis didukung hitungan biaya dan pendapatan yang realistis serta rencana pelaksanaan yang jelas.',
        en: 'The business model rests on realistic costs and revenue and a clear implementation plan.',
      },
      {
        id: 'Model bisnis sudah teruji di lapangan, sumber pendapatannya beragam, dan dapat berkembang tanpa bergantung pada hibah.',
        en: 'The business model is proven in the field, has several sources of revenue and can grow without relying on grants.',
      },
    ],
  },
  {
    key: 'collaboration',
    weight: 15,
    title: {
      id: 'Potensi kolaborasi dengan OPD dan sektor swasta',
      en: 'Potential for collaboration with the OPD and private sector',
    },
    description: {
      id: 'Seberapa nyata peluang kerja sama dengan OPD, dunia usaha, dan komunitas.',
      en: 'How real the prospects are of working with the OPD, businesses and communities.',
    },
    levels: [
      {
        id: 'Tidak ada peran bagi OPD maupun mitra lain.',
        en: 'There is no role for the OPD or any other partner.',
      },
      {
        id: 'Kerja sama disebutkan, tetapi bentuk dan peran tiap pihak tidak jelas.',
        en: "Cooperation is mentioned, but its form and each party's role are unclear.",
      },
      {
        id: 'Peran OPD jelas, tetapi belum ada mitra swasta atau komunitas yang teridentifikasi.',
        en: "The OPD's role is clear, but no private or community partner has been identified.",
      },
      {
        id: 'Skema kerja sama dengan OPD dan mitra swasta dirumuskan dengan jelas dan saling menguntungkan.',
        en: 'A clear, mutually beneficial scheme of cooperation with the OPD and private partners is set out.',
      },
      {
        id: 'Sudah ada kerja sama awal atau komitmen tertulis dengan OPD atau mitra yang siap dituangkan dalam nota kesepahaman.',
        en: 'Early cooperation or written commitments with the OPD or partners already exist, ready to become a memorandum of understanding.',
      },
    ],
  },
  {
    key: 'team',
    weight: 10,
    title: { id: 'Kapasitas tim', en: 'Team capacity' },
    description: {
      id: 'Apakah tim memiliki keahlian, pengalaman, dan komitmen untuk mewujudkan gagasan.',
      en: 'Whether the team has the skills, experience and commitment to deliver the idea.',
    },
    levels: [
      {
        id: 'Tim tidak memiliki keahlian atau pengalaman yang dibutuhkan gagasan ini.',
        en: 'The team lacks the skills and experience this idea needs.',
      },
      {
        id: 'Tim memiliki sebagian keahlian, tetapi ada kekurangan penting tanpa rencana untuk mengatasinya.',
        en: 'The team has some of the skills, but key gaps remain with no plan to fill them.',
      },
      {
        id: 'Tim cukup mampu menjalankan tahap awal dan menyadari kekurangannya.',
        en: 'The team can run the first stage and is aware of its gaps.',
      },
      {
        id: 'Tim berpengalaman di bidangnya dengan pembagian peran yang jelas.',
        en: 'The team is experienced in the field and its roles are clearly divided.',
      },
      {
        id: 'Tim lengkap dan berpengalaman, memiliki rekam jejak usaha sosial, serta siap memanfaatkan pendampingan.',
        en: 'The team is complete and experienced, has a track record in social enterprise and is ready to make use of mentoring.',
      },
    ],
  },
]
