import { deflateSync } from 'node:zlib'
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import {
  MetadataNotRemovable,
  stripJpegMetadata,
  stripMetadata,
  stripPdfMetadata,
  stripPngMetadata,
} from '#app/modules/review/file-metadata.ts'

// Blind review (issue 7): the bytes a blind reviewer downloads carry no author, title
// or device metadata. Every file here is built byte by byte (or with pdf-lib) in the
// test, with a distinctive name planted in its metadata.

const SECRET = 'Siti Rahayu Nurhaliza'
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1')

// ---- JPEG ----

const segment = (marker: number, payload: Uint8Array | string) => {
  const data = typeof payload === 'string' ? Buffer.from(payload, 'latin1') : payload
  const length = data.length + 2
  return Uint8Array.from([0xff, marker, length >> 8, length & 0xff, ...data])
}
const bytesOf = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]))

const JFIF = segment(0xe0, 'JFIF\0\x01\x02\0\0\x01\0\x01\0\0')
const EXIF = segment(0xe1, `Exif\0\0MM\0*\0\0\0\x08Artist=${SECRET}`)
const XMP = segment(0xe1, `http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><dc:creator>${SECRET}</dc:creator></x:xmpmeta>`)
const IPTC = segment(0xed, `Photoshop 3.0\0${SECRET}`)
const COMMENT = segment(0xfe, `Foto milik ${SECRET}`)
const QUANT = segment(0xdb, new Uint8Array(65).fill(1))
const FRAME = segment(0xc0, Uint8Array.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0]))
// The scan header, then entropy-coded data that happens to contain 0xFF 0x00 and a restart marker.
const SCAN = bytesOf(segment(0xda, Uint8Array.from([1, 1, 0, 0, 0x3f, 0])), Uint8Array.from([0x12, 0xff, 0x00, 0x34]))
const RESTART = Uint8Array.from([0xff, 0xd0, 0x56])
const EOI = Uint8Array.from([0xff, 0xd9])
const SOI = Uint8Array.from([0xff, 0xd8])

describe('stripJpegMetadata', () => {
  it('drops EXIF, XMP, IPTC and comments and keeps the image segments byte for byte', () => {
    const jpeg = bytesOf(SOI, JFIF, EXIF, XMP, IPTC, COMMENT, QUANT, FRAME, SCAN, RESTART, EOI)
    expect(latin1(jpeg)).toContain(SECRET)
    const clean = stripJpegMetadata(jpeg)
    expect(latin1(clean)).not.toContain(SECRET)
    expect([...clean]).toEqual([...bytesOf(SOI, JFIF, QUANT, FRAME, SCAN, RESTART, EOI)])
  })

  it('skips fill bytes before a marker', () => {
    const jpeg = bytesOf(SOI, Uint8Array.from([0xff]), EXIF, QUANT, SCAN, EOI)
    expect([...stripJpegMetadata(jpeg)]).toEqual([...bytesOf(SOI, QUANT, SCAN, EOI)])
  })

  it('refuses a truncated or foreign file rather than passing it on', () => {
    expect(() => stripJpegMetadata(bytesOf(SOI, EXIF.subarray(0, 10)))).toThrow(MetadataNotRemovable)
    expect(() => stripJpegMetadata(Buffer.from('%PDF-1.4'))).toThrow(MetadataNotRemovable)
  })
})

// ---- PNG ----

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (bytes: Uint8Array) => {
  let c = 0xffffffff
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type: string, data: Uint8Array | string) => {
  const body = bytesOf(Buffer.from(type, 'latin1'), typeof data === 'string' ? Buffer.from(data, 'latin1') : data)
  const out = Buffer.alloc(body.length + 8)
  out.writeUInt32BE(body.length - 4, 0)
  out.set(body, 4)
  out.writeUInt32BE(crc32(body), body.length + 4)
  return new Uint8Array(out)
}
const SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const IHDR = chunk('IHDR', Uint8Array.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]))
const IDAT = chunk('IDAT', deflateSync(Uint8Array.from([0, 0x80])))
const IEND = chunk('IEND', new Uint8Array(0))

describe('stripPngMetadata', () => {
  it('drops tEXt, iTXt, zTXt, eXIf and tIME chunks and keeps the image chunks', () => {
    const png = bytesOf(
      SIGNATURE,
      IHDR,
      chunk('tEXt', `Author\0${SECRET}`),
      chunk('iTXt', `XML:com.adobe.xmp\0\0\0\0\0<dc:creator>${SECRET}</dc:creator>`),
      chunk('zTXt', bytesOf(Buffer.from('Comment\0\0'), deflateSync(Buffer.from(SECRET)))),
      chunk('eXIf', `MM\0*${SECRET}`),
      chunk('tIME', Uint8Array.from([7, 234, 11, 30, 1, 2, 3])),
      IDAT,
      IEND,
    )
    expect(latin1(png)).toContain(SECRET)
    const clean = stripPngMetadata(png)
    expect(latin1(clean)).not.toContain(SECRET)
    expect([...clean]).toEqual([...bytesOf(SIGNATURE, IHDR, IDAT, IEND)])
  })

  it('refuses a chunk that runs past the end', () => {
    expect(() => stripPngMetadata(bytesOf(SIGNATURE, IHDR.subarray(0, 12)))).toThrow(MetadataNotRemovable)
  })
})

// ---- PDF ----

async function pdfWithMetadata(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  pdf.setAuthor(SECRET)
  pdf.setTitle(`Proposal ${SECRET}`)
  pdf.setSubject(`Subjek ${SECRET}`)
  pdf.setKeywords([SECRET])
  pdf.setCreator(`Creator ${SECRET}`)
  pdf.setProducer(`Producer ${SECRET}`)
  const page = pdf.addPage([200, 200])
  page.drawText('Isi proposal', { x: 20, y: 100, font: await pdf.embedFont(StandardFonts.Helvetica), size: 12 })
  // XMP on the catalogue, uncompressed so the test can see the name in the raw bytes.
  const xmp = pdf.context.stream(`<x:xmpmeta><dc:creator>${SECRET}</dc:creator></x:xmpmeta>`, {
    Type: 'Metadata',
    Subtype: 'XML',
  })
  pdf.catalog.set(PDFName.of('Metadata'), pdf.context.register(xmp))
  return pdf.save({ useObjectStreams: false })
}

describe('stripPdfMetadata', () => {
  it('removes the Info dictionary and the XMP stream and keeps the pages', async () => {
    const original = await pdfWithMetadata()
    expect(latin1(original)).toContain(SECRET)
    const clean = await stripPdfMetadata(original)
    expect(latin1(clean)).not.toContain(SECRET)
    expect(latin1(clean)).not.toContain('/Author')
    const reread = await PDFDocument.load(clean, { updateMetadata: false })
    expect(reread.getPageCount()).toBe(1)
    expect(reread.getAuthor()).toBeUndefined()
    expect(reread.getTitle()).toBeUndefined()
    expect(reread.getProducer()).toBeUndefined()
    expect(reread.catalog.get(PDFName.of('Metadata'))).toBeUndefined()
  })

  it('also cleans an earlier revision kept by an incremental update', async () => {
    const original = await pdfWithMetadata()
    // An incremental update appends a new Info; the old one stays in the file's bytes.
    const appended = bytesOf(original, Buffer.from(`\n% ${SECRET} was here\n`))
    const clean = await stripPdfMetadata(appended)
    expect(latin1(clean)).not.toContain(SECRET)
  })

  it('refuses what it cannot parse', async () => {
    await expect(stripPdfMetadata(Buffer.from('%PDF-1.4\nnot really'))).rejects.toThrow(MetadataNotRemovable)
  })
})

describe('stripMetadata', () => {
  it('chooses the stripper by content type and refuses others', async () => {
    const png = bytesOf(SIGNATURE, IHDR, chunk('tEXt', `Author\0${SECRET}`), IDAT, IEND)
    expect(latin1(await stripMetadata('image/png', png))).not.toContain(SECRET)
    await expect(stripMetadata('text/plain', png)).rejects.toThrow(MetadataNotRemovable)
  })
})
