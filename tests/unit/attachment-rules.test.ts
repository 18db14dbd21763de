import { describe, expect, it } from 'vitest'
import {
  ACCEPTED_TYPES,
  formatSize,
  hasRoomFor,
  MAX_ATTACHMENTS,
  parseKind,
  typeLabel,
  uploadProblemKey,
} from '#app/modules/applications/attachment-rules.ts'
import { checkFile, cleanFileName, FileRejected, MAX_FILE_BYTES } from '#app/modules/storage/storage.server.ts'

// The attachment rules (issue 6) with the storage's content check: what each kind
// accepts, the five-file limit, and the refusal for a renamed executable, an
// oversized, an empty and a wrong-typed file.

const pdf = new Uint8Array([...Buffer.from('%PDF-1.7\n'), 1, 2, 3])
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0])
const exe = new Uint8Array([...Buffer.from('MZ'), 0x90, 0, 3, 0])

const reason = (bytes: Uint8Array, kind: 'proposal' | 'photo', name = 'f.pdf') => {
  try {
    checkFile({ bytes, name, createdBy: null, accept: ACCEPTED_TYPES[kind] })
    return 'ok'
  } catch (error) {
    if (error instanceof FileRejected) return error.reason
    throw error
  }
}

describe('attachment validation', () => {
  it('accepts a PDF proposal and JPEG or PNG photos', () => {
    expect(reason(pdf, 'proposal')).toBe('ok')
    expect(reason(png, 'photo', 'a.png')).toBe('ok')
    expect(reason(jpeg, 'photo', 'a.jpg')).toBe('ok')
  })

  it('refuses a renamed executable whatever its name', () => {
    expect(reason(exe, 'proposal', 'proposal.pdf')).toBe('type')
    expect(reason(exe, 'photo', 'foto.jpg')).toBe('type')
  })

  it('refuses the wrong type for the kind', () => {
    expect(reason(jpeg, 'proposal', 'scan.pdf')).toBe('type')
    expect(reason(pdf, 'photo', 'foto.png')).toBe('type')
  })

  it('refuses oversized and empty files', () => {
    const big = new Uint8Array(MAX_FILE_BYTES + 1)
    big.set(pdf)
    expect(reason(big, 'proposal')).toBe('tooLarge')
    const exact = new Uint8Array(MAX_FILE_BYTES)
    exact.set(pdf)
    expect(reason(exact, 'proposal')).toBe('ok')
    expect(reason(new Uint8Array(0), 'proposal')).toBe('empty')
  })

  it('allows at most five files', () => {
    expect(MAX_ATTACHMENTS).toBe(5)
    expect(hasRoomFor(0)).toBe(true)
    expect(hasRoomFor(4)).toBe(true)
    expect(hasRoomFor(5)).toBe(false)
    expect(hasRoomFor(6)).toBe(false)
  })

  it('keeps the name but cleans it', () => {
    expect(cleanFileName('C:\\Users\\a\\proposal.pdf')).toBe('proposal.pdf')
    expect(cleanFileName('../../x<y>.pdf')).toBe('x_y_.pdf')
  })
})

describe('attachment helpers', () => {
  it('parses only known kinds', () => {
    expect(parseKind('proposal')).toBe('proposal')
    expect(parseKind('photo')).toBe('photo')
    expect(parseKind('video')).toBeUndefined()
    expect(parseKind(null)).toBeUndefined()
  })

  it('names the refusal for the kind chosen', () => {
    expect(uploadProblemKey('type', 'proposal')).toBe('apply:attachments.errors.notPdf')
    expect(uploadProblemKey('type', 'photo')).toBe('apply:attachments.errors.notImage')
    expect(uploadProblemKey('tooMany', 'photo')).toBe('apply:attachments.errors.tooMany')
    expect(uploadProblemKey('empty', undefined)).toBe('apply:attachments.errors.empty')
  })

  it('formats types and sizes for the list', () => {
    expect(typeLabel('application/pdf')).toBe('PDF')
    expect(typeLabel('image/jpeg')).toBe('JPEG')
    expect(formatSize(300, 'id')).toBe('1 KB')
    expect(formatSize(2.5 * 1024 * 1024, 'id')).toBe('2,5 MB')
    expect(formatSize(2.5 * 1024 * 1024, 'en')).toBe('2.5 MB')
  })
})
