import { formatNumber } from '#app/i18n/format.ts'
import type { StoredType } from '#app/modules/storage/storage.server.ts'

// Attachment rules (issue 6) with no I/O: which kinds exist, which real types each
// accepts, how many files an application may carry, and the messages for refusals.
// The storage layer sniffs the content; these rules only say what is acceptable.

/** At most this many files per application, all kinds together. */
export const MAX_ATTACHMENTS = 5

export const ATTACHMENT_KINDS = ['proposal', 'photo'] as const
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number]

/** The real (sniffed) types each kind accepts: a pitch deck or proposal is a PDF, photos are JPEG or PNG. */
export const ACCEPTED_TYPES: Record<AttachmentKind, readonly StoredType[]> = {
  proposal: ['application/pdf'],
  photo: ['image/jpeg', 'image/png'],
}

/** The `accept` hint for the file input; only a convenience, the server decides by content. */
export const ACCEPT_HINT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png'

/** The posted kind, or undefined for anything else. */
export function parseKind(value: unknown): AttachmentKind | undefined {
  return ATTACHMENT_KINDS.find((k) => k === value)
}

/** Whether one more file fits on an application that already has `count`. */
export function hasRoomFor(count: number): boolean {
  return count < MAX_ATTACHMENTS
}

/** Why an upload was refused, as shown next to the file input. */
export type UploadProblem = 'missing' | 'empty' | 'tooLarge' | 'type' | 'tooMany' | 'kind'

/** The translation key of an upload refusal; "type" depends on the kind chosen. */
export function uploadProblemKey(problem: UploadProblem, kind: AttachmentKind | undefined) {
  switch (problem) {
    case 'missing':
      return 'apply:attachments.errors.missing' as const
    case 'empty':
      return 'apply:attachments.errors.empty' as const
    case 'tooLarge':
      return 'apply:attachments.errors.tooLarge' as const
    case 'tooMany':
      return 'apply:attachments.errors.tooMany' as const
    case 'kind':
      return 'apply:attachments.errors.kind' as const
    case 'type':
      return kind === 'photo'
        ? ('apply:attachments.errors.notImage' as const)
        : ('apply:attachments.errors.notPdf' as const)
  }
}

/** A short, human file type for the list. */
export function typeLabel(contentType: string): string {
  if (contentType === 'application/pdf') return 'PDF'
  if (contentType === 'image/png') return 'PNG'
  if (contentType === 'image/jpeg') return 'JPEG'
  return contentType
}

/** A size in KB or MB with the language's decimal mark. */
export function formatSize(bytes: number, lng: 'id' | 'en'): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), lng)} KB`
  return `${formatNumber(bytes / (1024 * 1024), lng, { maximumFractionDigits: 1 })} MB`
}
