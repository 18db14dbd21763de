import { sql } from 'kysely'
import { connect } from '#db/client.ts'
import { startEmbeddedDatabase } from '#db/embedded.ts'

const e = await startEmbeddedDatabase(process.argv[2] ?? '/tmp/demo-after')
const o = connect(e.url, { max: 1, as: 'owner' })
const r = await sql
  .raw(
    `select (select count(*) from audit_log) a, (select count(*) from mail_outbox) m, (select count(*) from applications) ap, (select count(*) from review_scores) s, (select count(*) from selection_entries) se, (select count(*) from application_events) ev`,
  )
  .execute(o.db)
console.log(JSON.stringify(r.rows))
await o.close()
await e.stop()
