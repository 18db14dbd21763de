import type { Transporter } from 'nodemailer'
import type { DB } from '#db/client.ts'
import { runTransaction } from '#db/transaction-scope.ts'

/** Mails are retried on later sweeps until this many attempts have failed. */
export const MAX_ATTEMPTS = 8

/**
 * Sends a batch of unsent outbox mails through SMTP. Rows are locked with SKIP
 * LOCKED, so several workers never send the same mail twice; a failure is
 * recorded on the row and retried later.
 */
export async function deliverPending(
  db: DB,
  transport: Pick<Transporter, 'sendMail'>,
  from: string,
  limit = 20,
): Promise<{ sent: number; failed: number }> {
  return runTransaction(db, async (trx) => {
    const mails = await trx
      .selectFrom('mail_outbox')
      .select(['id', 'to_email', 'to_name', 'subject', 'body_text', 'attempts'])
      .where('sent_at', 'is', null)
      .where('attempts', '<', MAX_ATTEMPTS)
      .orderBy('created_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute()
    let sent = 0
    let failed = 0
    for (const mail of mails) {
      try {
        await transport.sendMail({
          from,
          to: mail.to_name ? { name: mail.to_name, address: mail.to_email } : mail.to_email,
          subject: mail.subject,
          text: mail.body_text,
        })
        await trx
          .updateTable('mail_outbox')
          .set({ sent_at: new Date(), attempts: mail.attempts + 1, last_error: null })
          .where('id', '=', mail.id)
          .execute()
        sent++
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        await trx
          .updateTable('mail_outbox')
          .set({ attempts: mail.attempts + 1, last_error: message.slice(0, 1000) })
          .where('id', '=', mail.id)
          .execute()
        failed++
      }
    }
    return { sent, failed }
  })
}
