import { deflateSync, inflateSync } from 'node:zlib'
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, StandardFonts } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import {
  MetadataNotRemovable,
  NEUTRAL_PDF_MAKER,
  stripJpegMetadata,
  stripMetadata,
  stripPdfMetadata,
  stripPngMetadata,
} from '#app/modules/review-desk/file-metadata.ts'
import { identifyingPdf, inflatedStreams, occurrences, VISIBLE_TEXT } from '#tests/support/identifying-pdf.ts'

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
    // The new file names a neutral maker, neither the applicant's software nor pdf-lib.
    expect(reread.getProducer()).toBe(NEUTRAL_PDF_MAKER)
    expect(reread.getCreator()).toBe(NEUTRAL_PDF_MAKER)
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

  it('refuses an encrypted file, whose objects it cannot read to clean', async () => {
    const encrypted = latin1(await pdfWithMetadata()).replace(
      'trailer\n<<',
      'trailer\n<< /Encrypt << /Filter /Standard >>',
    )
    await expect(stripPdfMetadata(Buffer.from(encrypted, 'latin1'))).rejects.toThrow(MetadataNotRemovable)
  })
})

// Issue 11 §2: a PDF names its author in many places besides the Info dictionary. The
// fixture plants the name in each (see identifying-pdf.ts); none may survive, while the
// page, its text, font and image, and a link within the file do.
describe('stripPdfMetadata on a PDF naming its author everywhere', () => {
  const NAME = 'Siti Rahmawati'

  it('builds a fixture that carries the name in every place, compressed ones included', async () => {
    const { bytes, planted } = await identifyingPdf(NAME)
    for (const text of planted) expect(occurrences(bytes, text), text).not.toEqual([])
    // Found only by inflating: the search looks inside compressed streams.
    for (const place of ['xmp', 'piece-info', 'image-xmp', 'attachment-annot', 'orphan-stream']) {
      const found = occurrences(bytes, `${NAME} ${place}`)
      expect(found.length, place).toBeGreaterThan(0)
      expect(found, place).not.toContain('raw bytes')
    }
    // The earlier revision's Info is still in the bytes, but the current trailer points elsewhere.
    const fixture = await PDFDocument.load(bytes, { updateMetadata: false })
    expect(fixture.getAuthor()).toBe(`${NAME} info-author`)
    const old = /(\d+) 0 obj\s*<<[^>]*\/Author/.exec(latin1(bytes))
    expect(old).not.toBeNull()
    expect(fixture.context.trailerInfo.Info).not.toBe(PDFRef.of(Number(old?.[1])))
  })

  it('rebuilds it from its pages with the name nowhere, compressed or not', async () => {
    const { bytes } = await identifyingPdf(NAME)
    const clean = await stripPdfMetadata(bytes)
    expect(occurrences(clean, NAME)).toEqual([])
    expect(occurrences(clean, 'Siti')).toEqual([])
    // Nothing of the old catalogue or of the cleaned entries, also inside object streams.
    const objects = [latin1(clean), ...inflatedStreams(clean)].join('\n')
    for (const entry of [
      'Names',
      'EmbeddedFiles',
      'JavaScript',
      'JS',
      'Outlines',
      'OpenAction',
      'AcroForm',
      'PieceInfo',
      'Metadata',
      'Author',
      'T',
    ]) {
      expect(objects, entry).not.toMatch(new RegExp(`/${entry}\\b`))
    }
  })

  it('keeps the page, its visible text, its font and image, and the links within the file', async () => {
    const { bytes } = await identifyingPdf(NAME)
    const clean = await PDFDocument.load(await stripPdfMetadata(bytes), { updateMetadata: false })
    expect(clean.getPageCount()).toBe(1)
    const [page] = clean.getPages()
    if (!page) throw new Error('no page')
    const contents = clean.context.lookup(page.node.get(PDFName.of('Contents')))
    const streams = contents instanceof PDFArray ? contents.asArray().map((c) => clean.context.lookup(c)) : [contents]
    const text = streams
      .map((s) => (s instanceof PDFRawStream ? Buffer.from(inflateSync(s.contents)).toString('latin1') : ''))
      .join('\n')
    expect(text).toContain(Buffer.from(VISIBLE_TEXT).toString('hex').toUpperCase())
    // The names the content stream uses still resolve to the copied font and image.
    const resources = page.node.Resources()
    const font = resources?.lookup(PDFName.of('Font'), PDFDict)
    const [fontName] = font?.keys() ?? []
    expect(font?.lookup(fontName as PDFName, PDFDict).get(PDFName.of('BaseFont'))).toBe(PDFName.of('Helvetica'))
    expect(text).toContain(`${fontName?.asString()} 12 Tf`)
    const xobjects = resources?.lookup(PDFName.of('XObject'), PDFDict)
    const [imageName] = xobjects?.keys() ?? []
    expect(text).toContain(`${imageName?.asString()} Do`)
    // Comment (T gone), its popup and the link within the file stay; the attachment and the scripted link go.
    const annots =
      page.node
        .Annots()
        ?.asArray()
        .map((a) => clean.context.lookup(a, PDFDict)) ?? []
    const subtypes = annots.map((a) => a.get(PDFName.of('Subtype'))?.toString())
    expect(subtypes).toEqual(['/Text', '/Popup', '/Link', '/Link', '/Widget'])
    expect(annots[0]?.get(PDFName.of('T'))).toBeUndefined()
    // Both links lead to the copied page: by reference, and by a name resolved through the old name tree.
    for (const link of [annots[2], annots[3]]) {
      const action = link?.lookup(PDFName.of('A'), PDFDict)
      expect(action?.lookup(PDFName.of('D'), PDFArray).get(0)).toBe(page.ref)
    }
    for (const annot of annots) expect(annot.get(PDFName.of('P'))).toBe(page.ref)
  })
})

describe('stripMetadata', () => {
  it('chooses the stripper by content type and refuses others', async () => {
    const png = bytesOf(SIGNATURE, IHDR, chunk('tEXt', `Author\0${SECRET}`), IDAT, IEND)
    expect(latin1(await stripMetadata('image/png', png))).not.toContain(SECRET)
    await expect(stripMetadata('text/plain', png)).rejects.toThrow(MetadataNotRemovable)
  })
})
