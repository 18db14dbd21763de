import { inflateSync } from 'node:zlib'
import { PDFDocument, PDFHexString, PDFName, type PDFRef, PDFStream, PDFString, StandardFonts } from 'pdf-lib'

// A PDF that names its author everywhere a PDF can hide a name outside what its page
// shows (issue 11 §2), built here rather than kept as a binary fixture, and a search
// that finds a name in a file's bytes however a PDF writer encodes or compresses it.

/** The text drawn on the page: what a blind reviewer must still read. */
export const VISIBLE_TEXT = 'Proposal body'

/** Where identifyingPdf plants the name; each place carries `${name} ${place}`. */
export const PLACES = [
  'info-author',
  'info-creator',
  'info-producer',
  'info-title',
  'info-subject',
  'info-keywords',
  'old-info',
  'xmp',
  'piece-info',
  'annot-author',
  'popup-author',
  'attachment',
  'attachment-annot',
  'javascript',
  'open-action',
  'link-script',
  'outline',
  'orphan',
  'orphan-stream',
  'image-xmp',
  'image-exif',
  'signature',
] as const
export type Place = (typeof PLACES)[number]

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1')
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16()
const hexOf = (bytes: Buffer) => bytes.toString('hex').toUpperCase()

/** A 1×1 greyscale JPEG whose EXIF names the photographer. */
function jpegWithExif(artist: string): Buffer {
  const segment = (marker: number, data: Buffer) =>
    Buffer.concat([Buffer.from([0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff]), data])
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe1, Buffer.from(`Exif\0\0MM\0*Artist=${artist}`, 'latin1')),
    segment(0xdb, Buffer.alloc(65, 1)),
    segment(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0])),
    segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0x12, 0x34, 0xff, 0xd9]),
  ])
}

/** The first revision: every place but the current Info, which a later revision appends. */
async function firstRevision(name: string): Promise<Uint8Array> {
  const at = (place: Place) => `${name} ${place}`
  const pdf = await PDFDocument.create({ updateMetadata: false })
  const { context } = pdf
  pdf.setAuthor(at('old-info'))
  const page = pdf.addPage([300, 300])
  page.drawText(VISIBLE_TEXT, { x: 20, y: 250, size: 12, font: await pdf.embedFont(StandardFonts.Helvetica) })

  const xmp = `<x:xmpmeta><dc:creator>${at('xmp')}</dc:creator></x:xmpmeta>`
  pdf.catalog.set(PDFName.of('Metadata'), context.register(context.flateStream(xmp, { Type: 'Metadata' })))
  page.node.set(
    PDFName.of('PieceInfo'),
    context.obj({
      Word: { LastModified: 'D:20240101', Private: context.register(context.flateStream(at('piece-info'))) },
    }),
  )

  // A copy: pdf-lib reads the JPEG through its ArrayBuffer and would miss a pooled Buffer's offset.
  const image = await pdf.embedJpg(new Uint8Array(jpegWithExif(at('image-exif'))))
  page.drawImage(image, { x: 20, y: 20, width: 10, height: 10 })
  await pdf.flush()
  const imageXmp = context.flateStream(`<x:xmpmeta><dc:creator>${at('image-xmp')}</dc:creator></x:xmpmeta>`)
  context.lookup(image.ref, PDFStream).dict.set(PDFName.of('Metadata'), context.register(imageXmp))

  page.node.set(PDFName.of('Annots'), context.obj(annotations(pdf, page.ref, at)))

  await pdf.attach(Buffer.from(`CV ${at('attachment')}`), 'cv.txt', { description: at('attachment') })
  pdf.addJavaScript('salam', `app.alert("${at('javascript')}")`)
  pdf.catalog.set(PDFName.of('OpenAction'), context.obj({ S: 'JavaScript', JS: PDFString.of(at('open-action')) }))
  const outlines = context.nextRef()
  const item = context.register(
    context.obj({ Title: PDFHexString.fromText(at('outline')), Parent: outlines, Dest: [page.ref, 'Fit'] }),
  )
  context.assign(outlines, context.obj({ Type: 'Outlines', First: item, Last: item, Count: 1 }))
  pdf.catalog.set(PDFName.of('Outlines'), outlines)

  // Referenced by nothing: still written, as pdf-lib writes every object it holds.
  context.register(context.obj({ Note: PDFString.of(at('orphan')) }))
  context.register(context.flateStream(at('orphan-stream')))
  return pdf.save({ useObjectStreams: false })
}

/** A comment with its popup, an attachment, a scripted link, two links within the file and a signed field. */
function annotations(pdf: PDFDocument, page: PDFRef, at: (place: Place) => string): PDFRef[] {
  const { context } = pdf
  const rect = [10, 10, 50, 50]
  const comment = context.nextRef()
  const popup = context.register(
    context.obj({ Type: 'Annot', Subtype: 'Popup', Rect: rect, Parent: comment, T: PDFString.of(at('popup-author')) }),
  )
  context.assign(
    comment,
    context.obj({
      Type: 'Annot',
      Subtype: 'Text',
      Rect: rect,
      P: page,
      T: PDFHexString.fromText(at('annot-author')),
      Contents: PDFString.of('Catatan'),
      Popup: popup,
    }),
  )
  const file = context.register(context.flateStream(`CV ${at('attachment-annot')}`, { Type: 'EmbeddedFile' }))
  const attachment = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'FileAttachment',
      Rect: rect,
      FS: { Type: 'Filespec', F: PDFString.of('cv.txt'), EF: { F: file } },
    }),
  )
  const scripted = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: rect,
      A: { S: 'JavaScript', JS: PDFString.of(at('link-script')) },
    }),
  )
  const within = context.register(
    context.obj({ Type: 'Annot', Subtype: 'Link', Rect: rect, P: page, A: { S: 'GoTo', D: [page, 'Fit'] } }),
  )
  // A link by name, as LaTeX and word processors write them, through a two-level name tree.
  const leaf = context.obj({
    Limits: [PDFString.of('intro'), PDFString.of('intro')],
    Names: [PDFString.of('intro'), [page, 'Fit']],
  })
  pdf.catalog.set(PDFName.of('Names'), context.obj({ Dests: { Kids: [context.register(leaf)] } }))
  const byName = context.register(
    context.obj({ Type: 'Annot', Subtype: 'Link', Rect: rect, A: { S: 'GoTo', D: PDFString.of('intro') } }),
  )
  const signed = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      Rect: rect,
      T: PDFString.of('Tanda tangan'),
      V: { Type: 'Sig', Name: PDFString.of(at('signature')) },
    }),
  )
  pdf.catalog.set(PDFName.of('AcroForm'), context.obj({ Fields: [signed] }))
  return [comment, popup, attachment, scripted, within, byName, signed]
}

/**
 * The fixture: the first revision, then an incremental update appended to its bytes (a
 * new Info object, an xref section for it and a trailer with /Prev), as an editor saving
 * again would write it. The first revision's Info stays in the file, referenced by nothing.
 */
export async function identifyingPdf(name: string): Promise<{ bytes: Uint8Array; planted: string[] }> {
  const at = (place: Place) => `${name} ${place}`
  const first = latin1(await firstRevision(name))
  const trailer = first.slice(first.lastIndexOf('trailer'))
  const size = Number(/\/Size (\d+)/.exec(trailer)?.[1])
  const root = /\/Root (\d+ \d+ R)/.exec(trailer)?.[1]
  const prev = /startxref\s+(\d+)/.exec(trailer)?.[1]
  const info = [
    `/Author (${at('info-author')})`,
    `/Creator (${at('info-creator')})`,
    `/Producer (${at('info-producer')})`,
    `/Title <${hexOf(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(at('info-title'))]))}>`,
    `/Subject (${at('info-subject')})`,
    `/Keywords (${at('info-keywords')})`,
  ].join(' ')
  const object = `\n${size} 0 obj\n<< ${info} >>\nendobj\n`
  const xref = first.length + object.length
  const update = [
    object,
    `xref\n${size} 1\n${String(first.length + 1).padStart(10, '0')} 00000 n\r\n`,
    `trailer\n<< /Size ${size + 1} /Root ${root} /Info ${size} 0 R /Prev ${prev} >>\n`,
    `startxref\n${xref}\n%%EOF\n`,
  ].join('')
  return { bytes: Buffer.from(first + update, 'latin1'), planted: PLACES.map(at) }
}

/** Every stream of the file inflated where it is FlateDecode (others do not inflate and are skipped). */
export function inflatedStreams(bytes: Uint8Array): string[] {
  const text = latin1(bytes)
  const found: string[] = []
  for (const match of text.matchAll(/stream\r?\n/g)) {
    if (text.slice(Math.max(0, match.index - 3), match.index) === 'end') continue
    const start = match.index + match[0].length
    const end = text.indexOf('endstream', start)
    if (end < 0) continue
    try {
      found.push(latin1(inflateSync(Buffer.from(text.slice(start, end).replace(/\r?\n$/, ''), 'latin1'))))
    } catch {
      // Not compressed, or compressed otherwise: the raw bytes are searched as they are.
    }
  }
  return found
}

/**
 * Where `text` occurs in the file: its raw bytes or an inflated stream, as Latin-1, as
 * UTF-16BE, or hex-encoded as either (PDF strings and pdf-lib's drawn text are often hex).
 */
export function occurrences(bytes: Uint8Array, text: string): string[] {
  const forms = [Buffer.from(text, 'latin1'), utf16be(text)]
  const plain = forms.map(latin1)
  const hex = forms.map(hexOf)
  const bodies = [latin1(bytes), ...inflatedStreams(bytes)]
  return bodies.flatMap((body, i) => {
    const upper = body.toUpperCase()
    const where = i === 0 ? 'raw bytes' : `inflated stream ${i}`
    return plain.some((f) => body.includes(f)) || hex.some((f) => upper.includes(f)) ? [where] : []
  })
}
