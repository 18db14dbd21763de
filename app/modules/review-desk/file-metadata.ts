import {
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  type PDFPage,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
} from 'pdf-lib'
import { Refused } from '#app/modules/errors/errors.ts'

// Pure (no I/O): removes the metadata that can name an applicant from the files a
// blind reviewer downloads (issue 7, item 5). Only the container's metadata is
// touched; what the file shows on its pages is the applicant's own doing.

/** A file whose metadata cannot be removed is never sent to a blind reviewer (422). */
export class MetadataNotRemovable extends Refused {
  constructor(readonly type: string) {
    super('review:errors.notCleanable', { status: 422 })
  }
}

// ---- JPEG: a sequence of marker segments up to the scan (SOS), then entropy-coded data ----

/** APPn segments that carry text about the author or device: EXIF/XMP (APP1), Ducky (APP12), IPTC (APP13). */
const JPEG_DROPPED = new Set([0xe1, 0xec, 0xed, 0xfe])

/**
 * A JPEG without its EXIF, XMP, IPTC and comment segments; the image data is kept
 * byte for byte. Throws MetadataNotRemovable for a file that is not a well-formed JPEG.
 */
export function stripJpegMetadata(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new MetadataNotRemovable('jpeg')
  const kept: Uint8Array[] = [bytes.subarray(0, 2)]
  let i = 2
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) throw new MetadataNotRemovable('jpeg')
    // Fill bytes (0xFF repeated) may precede a marker.
    let m = i + 1
    while (bytes[m] === 0xff) m++
    const marker = bytes[m]
    if (marker === undefined) throw new MetadataNotRemovable('jpeg')
    // Markers without a length: TEM, RSTn, and EOI (after which nothing matters).
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      kept.push(bytes.subarray(i, m + 1))
      i = m + 1
      continue
    }
    if (marker === 0xd9) {
      kept.push(bytes.subarray(i, m + 1))
      break
    }
    const length = ((bytes[m + 1] ?? 0) << 8) | (bytes[m + 2] ?? 0)
    const end = m + 1 + length
    if (length < 2 || end > bytes.length) throw new MetadataNotRemovable('jpeg')
    if (marker === 0xda) {
      // Start of scan: the rest is image data (with later scans and EOI); keep it whole.
      kept.push(bytes.subarray(i))
      break
    }
    if (!JPEG_DROPPED.has(marker)) kept.push(bytes.subarray(i, end))
    i = end
  }
  return concat(kept)
}

// ---- PNG: signature, then chunks of length, type, data and CRC ----

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
/** Text chunks (any key: Author, Comment, XML:com.adobe.xmp …), EXIF and the modification time. */
const PNG_DROPPED = new Set(['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME'])

/** A PNG without its text, EXIF and time chunks. Throws MetadataNotRemovable when malformed. */
export function stripPngMetadata(bytes: Uint8Array): Uint8Array {
  if (!PNG_SIGNATURE.every((b, k) => bytes[k] === b)) throw new MetadataNotRemovable('png')
  const kept: Uint8Array[] = [bytes.subarray(0, 8)]
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let i = 8
  while (i < bytes.length) {
    if (i + 8 > bytes.length) throw new MetadataNotRemovable('png')
    const length = view.getUint32(i)
    const type = String.fromCharCode(...bytes.subarray(i + 4, i + 8))
    const end = i + 12 + length
    if (end > bytes.length) throw new MetadataNotRemovable('png')
    if (!PNG_DROPPED.has(type)) kept.push(bytes.subarray(i, end))
    i = end
    if (type === 'IEND') break
  }
  return concat(kept)
}

// ---- PDF: a new document built from copies of the pages ----

/** What the rebuilt file names as its maker, instead of the applicant's software (or pdf-lib's banner). */
export const NEUTRAL_PDF_MAKER = 'WiNNER'

/**
 * The PDF rebuilt from its pages alone. Deleting entries from the loaded file is not
 * enough: pdf-lib writes back every object it parsed, so an earlier revision's Info,
 * orphan objects, outlines, attachments and document scripts would all go out again.
 * A fresh document that receives cleaned copies of the pages carries only what those
 * pages reach. Encrypted or unreadable PDFs throw MetadataNotRemovable rather than
 * going out uncleaned.
 */
export async function stripPdfMetadata(bytes: Uint8Array): Promise<Uint8Array> {
  try {
    return await rebuildPdf(bytes)
  } catch {
    throw new MetadataNotRemovable('pdf')
  }
}

const key = (name: string) => PDFName.of(name)
// lookupMaybe throws on an object of another type; a malformed entry is simply not what is looked for.
const dictOf = (context: PDFContext, object: PDFObject | undefined) => {
  const value = context.lookup(object)
  return value instanceof PDFDict ? value : undefined
}
const arrayOf = (context: PDFContext, object: PDFObject | undefined) => {
  const value = context.lookup(object)
  return value instanceof PDFArray ? value : undefined
}
const keys = (...names: string[]) => names.map(key)

/** Article beads: their threads carry an Info dictionary of their own and point at other pages. */
const PAGE_DROPPED = keys('B')
/** Annotations that exist to carry a file, media, 3D or script payload. */
const ANNOT_DROPPED_SUBTYPES = new Set(keys('FileAttachment', 'Sound', 'Movie', 'Screen', 'RichMedia', '3D'))
/** The author (T, and the author spans of rich text RC) and the back-link to the old page (P, set again after the copy). */
const ANNOT_DROPPED = keys('T', 'RC', 'P')
/** A form field's data: the form (AcroForm) is not carried over, the widget keeps only its appearance. */
const WIDGET_DROPPED = keys('Parent', 'V', 'DV', 'TU', 'TM')
/** Actions that open a link or move within the document; JavaScript, Launch, SubmitForm, GoToE … go. */
const SAFE_ACTIONS = new Set(keys('URI', 'GoTo', 'Named'))
/**
 * Dropped from every object the new file carries: XMP (also an image's own), application
 * private data, associated files and trigger scripts.
 */
const EVERYWHERE_DROPPED = keys('Metadata', 'PieceInfo', 'AF', 'AA')

async function rebuildPdf(bytes: Uint8Array): Promise<Uint8Array> {
  // Throws for an encrypted file (ignoreEncryption stays false).
  const source = await PDFDocument.load(bytes, { updateMetadata: false })
  const pages = source.getPages()
  cleanPages(source.context, source.catalog, pages)
  const target = await PDFDocument.create({ updateMetadata: false })
  const copies = await target.copyPages(
    source,
    pages.map((_, index) => index),
  )
  for (const copy of copies) target.addPage(copy)
  relinkAnnotations(target.context, copies)
  target.setProducer(NEUTRAL_PDF_MAKER)
  target.setCreator(NEUTRAL_PDF_MAKER)
  keepReachableClean(target.context)
  // No form is carried over; the default would add an empty AcroForm.
  return target.save({ updateFieldAppearances: false })
}

function annotationsOf(context: PDFContext, page: PDFDict): PDFArray | undefined {
  return arrayOf(context, page.get(key('Annots')))
}

/**
 * Cleans the source's pages before they are copied, since the copier follows every
 * reference: a dropped attachment must not come back through its popup or a reply.
 */
function cleanPages(context: PDFContext, catalog: PDFDict, pages: readonly PDFPage[]) {
  const pageIndex = new Map(pages.map((page, index) => [page.ref, index]))
  const named = namedDestinations(context, catalog)
  const dropped = new Set<PDFDict>()
  const all = pages.flatMap((page) =>
    (annotationsOf(context, page.node)?.asArray() ?? []).map((entry) => dictOf(context, entry)),
  )
  for (const annot of all) {
    if (!annot) continue
    const subtype = annot.get(key('Subtype'))
    const action = dictOf(context, annot.get(key('A')))
    const unsafeAction = action !== undefined && !isSafeAction(action)
    if (
      (subtype instanceof PDFName && ANNOT_DROPPED_SUBTYPES.has(subtype)) ||
      (subtype === key('Link') && unsafeAction)
    ) {
      dropped.add(annot)
    }
  }
  // Second pass: a popup or a reply belongs with the annotation it hangs off.
  const hangsOffDropped = (annot: PDFDict, entry: string) => {
    const target = dictOf(context, annot.get(key(entry)))
    return target !== undefined && dropped.has(target)
  }
  for (const annot of all)
    if (annot?.get(key('Subtype')) === key('Popup') && hangsOffDropped(annot, 'Parent')) dropped.add(annot)

  for (const page of pages) {
    for (const name of PAGE_DROPPED) page.node.delete(name)
    const annots = annotationsOf(context, page.node)
    if (!annots) continue
    const kept = annots.asArray().filter((entry) => {
      const annot = dictOf(context, entry)
      return annot !== undefined && !dropped.has(annot)
    })
    for (const entry of kept) {
      const annot = dictOf(context, entry)!
      for (const name of ANNOT_DROPPED) annot.delete(name)
      if (annot.get(key('Subtype')) === key('Widget')) for (const name of WIDGET_DROPPED) annot.delete(name)
      if (hangsOffDropped(annot, 'IRT')) annot.delete(key('IRT'))
      const action = dictOf(context, annot.get(key('A')))
      if (action && !isSafeAction(action)) annot.delete(key('A'))
      action?.delete(key('Next'))
      markDestination(context, annot, pageIndex, named)
    }
    page.node.set(key('Annots'), context.obj(kept))
  }
}

function isSafeAction(action: PDFDict): boolean {
  const type = action.get(key('S'))
  // A chain (Next) may hide a script behind a harmless first step; it is cut off for kept actions.
  return type instanceof PDFName && SAFE_ACTIONS.has(type)
}

/** Where a link keeps its destination: a GoTo action's D, or the annotation's own Dest. */
function destinationHolder(context: PDFContext, annot: PDFDict): [PDFDict, PDFName] {
  const action = dictOf(context, annot.get(key('A')))
  return action ? [action, key('D')] : [annot, key('Dest')]
}

/**
 * A destination names its page by reference, or by a name looked up in the catalogue.
 * Copied as is, a reference would bring a second copy of the page along and a name
 * would lead nowhere (no name tree is carried over). So each becomes an explicit
 * destination holding the page's index, set to the copied page's reference after the
 * copy (relinkAnnotations); one that leads to no page of the file is dropped.
 */
function markDestination(
  context: PDFContext,
  annot: PDFDict,
  pageIndex: Map<PDFRef, number>,
  named: Map<string, PDFArray>,
) {
  const [holder, entry] = destinationHolder(context, annot)
  const value = context.lookup(holder.get(entry))
  if (value === undefined) return
  const dest = isText(value) ? named.get(value.decodeText()) : value
  const page = dest instanceof PDFArray ? dest.get(0) : undefined
  const index = page instanceof PDFRef ? pageIndex.get(page) : undefined
  if (index === undefined || !(dest instanceof PDFArray)) {
    holder.delete(entry)
    return
  }
  holder.set(entry, context.obj([PDFNumber.of(index), ...dest.asArray().slice(1)]))
}

const isText = (value: PDFObject): value is PDFName | PDFString | PDFHexString =>
  value instanceof PDFName || value instanceof PDFString || value instanceof PDFHexString

/** The file's named destinations: the catalogue's Dests dictionary and the Dests name tree. */
function namedDestinations(context: PDFContext, catalog: PDFDict): Map<string, PDFArray> {
  const found = new Map<string, PDFArray>()
  const add = (name: PDFObject | undefined, value: PDFObject | undefined) => {
    const target = context.lookup(value)
    const dest = context.lookup(target instanceof PDFDict ? target.get(key('D')) : target)
    if (name && isText(name) && dest instanceof PDFArray) found.set(name.decodeText(), dest)
  }
  for (const [name, value] of dictOf(context, catalog.get(key('Dests')))?.entries() ?? []) add(name, value)
  const seen = new Set<PDFDict>()
  const pending = [dictOf(context, dictOf(context, catalog.get(key('Names')))?.get(key('Dests')))]
  while (pending.length > 0) {
    const node = pending.pop()
    if (!node || seen.has(node)) continue
    seen.add(node)
    const names = arrayOf(context, node.get(key('Names')))?.asArray() ?? []
    for (let i = 0; i + 1 < names.length; i += 2) add(names[i], names[i + 1])
    for (const kid of arrayOf(context, node.get(key('Kids')))?.asArray() ?? []) pending.push(dictOf(context, kid))
  }
  return found
}

function relinkAnnotations(context: PDFContext, copies: readonly PDFPage[]) {
  for (const copy of copies) {
    for (const entry of annotationsOf(context, copy.node)?.asArray() ?? []) {
      const annot = dictOf(context, entry)
      if (!annot) continue
      annot.set(key('P'), copy.ref)
      const [holder, name] = destinationHolder(context, annot)
      const dest = arrayOf(context, holder.get(name))
      const index = dest?.get(0)
      if (dest && index instanceof PDFNumber) {
        const page = copies[index.asNumber()]
        if (page) dest.set(0, page.ref)
      }
    }
  }
}

/**
 * Walks the new file from its trailer, dropping EVERYWHERE_DROPPED entries and the
 * EXIF/XMP inside embedded JPEG images on the way, then deletes every object the walk
 * did not reach: only what the pages and the fresh catalogue use is written.
 */
function keepReachableClean(context: PDFContext) {
  const reached = new Set<PDFRef>()
  const pending: (PDFObject | undefined)[] = [context.trailerInfo.Root, context.trailerInfo.Info]
  while (pending.length > 0) {
    const object = pending.pop()
    if (object instanceof PDFRef) {
      if (reached.has(object)) continue
      reached.add(object)
      const value = context.lookup(object)
      if (value instanceof PDFRawStream && isJpeg(value)) {
        const stripped = PDFRawStream.of(value.dict, stripJpegMetadata(value.contents))
        context.assign(object, stripped)
        pending.push(stripped)
      } else pending.push(value)
    } else if (object instanceof PDFDict || object instanceof PDFStream) {
      const dict = object instanceof PDFStream ? object.dict : object
      for (const name of EVERYWHERE_DROPPED) dict.delete(name)
      for (const [, value] of dict.entries()) pending.push(value)
    } else if (object instanceof PDFArray) pending.push(...object.asArray())
  }
  for (const [ref] of context.enumerateIndirectObjects()) if (!reached.has(ref)) context.delete(ref)
}

function isJpeg(stream: PDFRawStream): boolean {
  const filter = stream.dict.get(key('Filter'))
  const only = filter instanceof PDFArray && filter.size() === 1 ? filter.get(0) : filter
  return only === key('DCTDecode')
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** The cleaned bytes of a stored attachment by its (sniffed) content type. */
export async function stripMetadata(contentType: string, bytes: Uint8Array): Promise<Uint8Array> {
  switch (contentType) {
    case 'application/pdf':
      return stripPdfMetadata(bytes)
    case 'image/jpeg':
      return stripJpegMetadata(bytes)
    case 'image/png':
      return stripPngMetadata(bytes)
    default:
      throw new MetadataNotRemovable(contentType)
  }
}
