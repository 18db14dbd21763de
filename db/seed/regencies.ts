import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'

// Kabupaten/kota of the six WiNNER provinces with their BPS four-digit codes
// (kabupaten 01–69, kota 71+). Public reference data shared by every tenant; the
// gaps in Sulawesi Selatan (7319–7321, 7323–7324) are the regencies that left for
// Sulawesi Barat in 2004 and now carry 76xx codes.

type Kind = 'kabupaten' | 'kota'
export interface RegencySeed {
  code: string
  name: string
  kind: Kind
}

const kab = (code: string, name: string): RegencySeed => ({ code, name, kind: 'kabupaten' })
const kota = (code: string, name: string): RegencySeed => ({ code, name, kind: 'kota' })

/** Every kabupaten/kota of the six provinces, keyed by province slug. */
export const regenciesByProvince: Record<string, readonly RegencySeed[]> = {
  banten: [
    kab('3601', 'Pandeglang'),
    kab('3602', 'Lebak'),
    kab('3603', 'Tangerang'),
    kab('3604', 'Serang'),
    kota('3671', 'Tangerang'),
    kota('3672', 'Cilegon'),
    kota('3673', 'Serang'),
    kota('3674', 'Tangerang Selatan'),
  ],
  ntt: [
    kab('5301', 'Sumba Barat'),
    kab('5302', 'Sumba Timur'),
    kab('5303', 'Kupang'),
    kab('5304', 'Timor Tengah Selatan'),
    kab('5305', 'Timor Tengah Utara'),
    kab('5306', 'Belu'),
    kab('5307', 'Alor'),
    kab('5308', 'Lembata'),
    kab('5309', 'Flores Timur'),
    kab('5310', 'Sikka'),
    kab('5311', 'Ende'),
    kab('5312', 'Ngada'),
    kab('5313', 'Manggarai'),
    kab('5314', 'Rote Ndao'),
    kab('5315', 'Manggarai Barat'),
    kab('5316', 'Sumba Tengah'),
    kab('5317', 'Sumba Barat Daya'),
    kab('5318', 'Nagekeo'),
    kab('5319', 'Manggarai Timur'),
    kab('5320', 'Sabu Raijua'),
    kab('5321', 'Malaka'),
    kota('5371', 'Kupang'),
  ],
  sumut: [
    kab('1201', 'Nias'),
    kab('1202', 'Mandailing Natal'),
    kab('1203', 'Tapanuli Selatan'),
    kab('1204', 'Tapanuli Tengah'),
    kab('1205', 'Tapanuli Utara'),
    kab('1206', 'Toba'),
    kab('1207', 'Labuhanbatu'),
    kab('1208', 'Asahan'),
    kab('1209', 'Simalungun'),
    kab('1210', 'Dairi'),
    kab('1211', 'Karo'),
    kab('1212', 'Deli Serdang'),
    kab('1213', 'Langkat'),
    kab('1214', 'Nias Selatan'),
    kab('1215', 'Humbang Hasundutan'),
    kab('1216', 'Pakpak Bharat'),
    kab('1217', 'Samosir'),
    kab('1218', 'Serdang Bedagai'),
    kab('1219', 'Batu Bara'),
    kab('1220', 'Padang Lawas Utara'),
    kab('1221', 'Padang Lawas'),
    kab('1222', 'Labuhanbatu Selatan'),
    kab('1223', 'Labuhanbatu Utara'),
    kab('1224', 'Nias Utara'),
    kab('1225', 'Nias Barat'),
    kota('1271', 'Sibolga'),
    kota('1272', 'Tanjungbalai'),
    kota('1273', 'Pematangsiantar'),
    kota('1274', 'Tebing Tinggi'),
    kota('1275', 'Medan'),
    kota('1276', 'Binjai'),
    kota('1277', 'Padangsidimpuan'),
    kota('1278', 'Gunungsitoli'),
  ],
  kalbar: [
    kab('6101', 'Sambas'),
    kab('6102', 'Bengkayang'),
    kab('6103', 'Landak'),
    kab('6104', 'Mempawah'),
    kab('6105', 'Sanggau'),
    kab('6106', 'Ketapang'),
    kab('6107', 'Sintang'),
    kab('6108', 'Kapuas Hulu'),
    kab('6109', 'Sekadau'),
    kab('6110', 'Melawi'),
    kab('6111', 'Kayong Utara'),
    kab('6112', 'Kubu Raya'),
    kota('6171', 'Pontianak'),
    kota('6172', 'Singkawang'),
  ],
  jatim: [
    kab('3501', 'Pacitan'),
    kab('3502', 'Ponorogo'),
    kab('3503', 'Trenggalek'),
    kab('3504', 'Tulungagung'),
    kab('3505', 'Blitar'),
    kab('3506', 'Kediri'),
    kab('3507', 'Malang'),
    kab('3508', 'Lumajang'),
    kab('3509', 'Jember'),
    kab('3510', 'Banyuwangi'),
    kab('3511', 'Bondowoso'),
    kab('3512', 'Situbondo'),
    kab('3513', 'Probolinggo'),
    kab('3514', 'Pasuruan'),
    kab('3515', 'Sidoarjo'),
    kab('3516', 'Mojokerto'),
    kab('3517', 'Jombang'),
    kab('3518', 'Nganjuk'),
    kab('3519', 'Madiun'),
    kab('3520', 'Magetan'),
    kab('3521', 'Ngawi'),
    kab('3522', 'Bojonegoro'),
    kab('3523', 'Tuban'),
    kab('3524', 'Lamongan'),
    kab('3525', 'Gresik'),
    kab('3526', 'Bangkalan'),
    kab('3527', 'Sampang'),
    kab('3528', 'Pamekasan'),
    kab('3529', 'Sumenep'),
    kota('3571', 'Kediri'),
    kota('3572', 'Blitar'),
    kota('3573', 'Malang'),
    kota('3574', 'Probolinggo'),
    kota('3575', 'Pasuruan'),
    kota('3576', 'Mojokerto'),
    kota('3577', 'Madiun'),
    kota('3578', 'Surabaya'),
    kota('3579', 'Batu'),
  ],
  sulsel: [
    kab('7301', 'Kepulauan Selayar'),
    kab('7302', 'Bulukumba'),
    kab('7303', 'Bantaeng'),
    kab('7304', 'Jeneponto'),
    kab('7305', 'Takalar'),
    kab('7306', 'Gowa'),
    kab('7307', 'Sinjai'),
    kab('7308', 'Maros'),
    kab('7309', 'Pangkajene dan Kepulauan'),
    kab('7310', 'Barru'),
    kab('7311', 'Bone'),
    kab('7312', 'Soppeng'),
    kab('7313', 'Wajo'),
    kab('7314', 'Sidenreng Rappang'),
    kab('7315', 'Pinrang'),
    kab('7316', 'Enrekang'),
    kab('7317', 'Luwu'),
    kab('7318', 'Tana Toraja'),
    kab('7322', 'Luwu Utara'),
    kab('7325', 'Luwu Timur'),
    kab('7326', 'Toraja Utara'),
    kota('7371', 'Makassar'),
    kota('7372', 'Parepare'),
    kota('7373', 'Palopo'),
  ],
}

/**
 * Loads the kabupaten/kota list; provinces not in the database are skipped and
 * existing codes left alone, so it is safe to run any number of times.
 */
export async function seedRegencies(db: Kysely<Database>): Promise<void> {
  for (const [slug, regencies] of Object.entries(regenciesByProvince)) {
    const province = await db.selectFrom('provinces').select('id').where('slug', '=', slug).executeTakeFirst()
    if (!province) continue
    await db
      .insertInto('regencies')
      .values(regencies.map((r) => ({ ...r, province_id: province.id })))
      .onConflict((oc) => oc.column('code').doNothing())
      .execute()
  }
}
