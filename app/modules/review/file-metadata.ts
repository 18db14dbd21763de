import { PDFDict, PDFDocument, PDFName, PDFRef, PDFStream } from 'pdf-lib'

// Pure (no I/O): removes the metadata that can name an applicant from the files a
// blind reviewer downloads (issue 7, item 5). Only the container's metadata is
// touched; what the file shows on its pages is the applicant's own doing.

export class MetadataNotRemovable extends Error {
  constructor(readonly type: string) {
    super(`cannot remove the metadata of this ${type} file`)
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

// ---- PDF: the Info dictionary and every XMP metadata stream ----

const INFO_KEYS = ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer']

/**
 * A PDF rewritten without its Info dictionary (Author, Title, Subject, Keywords,
 * Creator, Producer, dates) and without XMP metadata streams, on the catalogue, pages
 * or any other object. Saving writes one fresh revision, so earlier incremental
 * updates that still held the old Info are gone too. Encrypted or unreadable PDFs
 * throw MetadataNotRemovable rather than going out uncleaned.
 */
export async function stripPdfMetadata(bytes: Uint8Array): Promise<Uint8Array> {
  try {
    return await rewritePdf(bytes)
  } catch {
    throw new MetadataNotRemovable('pdf')
  }
}

async function rewritePdf(bytes: Uint8Array): Promise<Uint8Array> {
  // updateMetadata: false, or pdf-lib would write its own Producer and dates back.
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false })
  const { context } = pdf
  const info = context.trailerInfo.Info
  if (info) {
    const dict = context.lookup(info)
    if (dict instanceof PDFDict) for (const key of INFO_KEYS) dict.delete(PDFName.of(key))
    if (info instanceof PDFRef) context.delete(info)
    context.trailerInfo.Info = undefined
  }
  // PDFName.of interns names, so identity comparison is exact.
  const metadata = PDFName.of('Metadata')
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : undefined
    if (!dict) continue
    if (dict.get(PDFName.of('Type')) === metadata) {
      context.delete(ref)
      continue
    }
    dict.delete(metadata)
  }
  return pdf.save({ updateFieldAppearances: false })
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
