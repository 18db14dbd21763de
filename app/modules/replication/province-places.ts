import type { GeoBounds } from '#app/ui/chart-geometry.ts'

// Where to draw each province on the schematic replication map: an approximate centre
// (longitude, latitude) of its main population, by BPS province code. Enough to place a
// labelled point on an outline-free plot; not a boundary and not for measuring. A
// province whose code is not here is listed in the map's table only.

/** Indonesia from Sabang to Merauke, from Miangas to Rote. */
export const INDONESIA: GeoBounds = { west: 94.5, east: 141.5, south: -11.5, north: 6.5 }

const PLACES: Record<string, readonly [number, number]> = {
  '11': [96.7, 4.4], // Aceh
  '12': [99.0, 2.5], // Sumatera Utara
  '13': [100.4, -0.9], // Sumatera Barat
  '14': [101.6, 0.5], // Riau
  '15': [103.3, -1.6], // Jambi
  '16': [104.3, -3.2], // Sumatera Selatan
  '17': [102.3, -3.8], // Bengkulu
  '18': [105.2, -5.0], // Lampung
  '19': [106.3, -2.4], // Kepulauan Bangka Belitung
  '21': [104.4, 0.9], // Kepulauan Riau
  '31': [106.8, -6.2], // DKI Jakarta
  '32': [107.6, -6.9], // Jawa Barat
  '33': [110.2, -7.1], // Jawa Tengah
  '34': [110.4, -7.8], // DI Yogyakarta
  '35': [112.6, -7.6], // Jawa Timur
  '36': [106.1, -6.3], // Banten
  '51': [115.2, -8.4], // Bali
  '52': [117.3, -8.6], // Nusa Tenggara Barat
  '53': [121.1, -9.0], // Nusa Tenggara Timur
  '61': [110.4, -0.1], // Kalimantan Barat
  '62': [113.9, -1.7], // Kalimantan Tengah
  '63': [115.3, -3.0], // Kalimantan Selatan
  '64': [116.7, 0.5], // Kalimantan Timur
  '65': [116.6, 3.0], // Kalimantan Utara
  '71': [124.8, 1.3], // Sulawesi Utara
  '72': [121.2, -1.4], // Sulawesi Tengah
  '73': [119.9, -4.3], // Sulawesi Selatan
  '74': [122.4, -4.1], // Sulawesi Tenggara
  '75': [122.6, 0.6], // Gorontalo
  '76': [119.2, -2.6], // Sulawesi Barat
  '81': [129.0, -3.3], // Maluku
  '82': [127.6, 0.8], // Maluku Utara
  '91': [133.1, -1.2], // Papua Barat
  '92': [131.5, -1.0], // Papua Barat Daya
  '94': [140.7, -2.6], // Papua
  '95': [139.5, -7.5], // Papua Selatan
  '96': [136.5, -3.8], // Papua Tengah
  '97': [138.9, -4.0], // Papua Pegunungan
}

/** The map position of a province by BPS code, or null when it has none. */
export function provincePlace(bpsCode: string): { lon: number; lat: number } | null {
  const place = PLACES[bpsCode]
  return place ? { lon: place[0], lat: place[1] } : null
}
