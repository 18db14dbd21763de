import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { Language } from '#app/i18n/config.ts'
import { canApply } from '#app/modules/applications/application-access.ts'
import {
  ACCEPT_HINT,
  ATTACHMENT_KINDS,
  formatSize,
  MAX_ATTACHMENTS,
  parseKind,
  typeLabel,
  type UploadProblem,
  uploadProblemKey,
} from '#app/modules/applications/attachment-rules.ts'
import { addAttachment, loadAttachments, removeAttachment } from '#app/modules/applications/attachments.server.ts'
import { requestMeta } from '#app/modules/auth/viewer.server.ts'
import { found, idField, idParam, refusal } from '#app/modules/errors/errors.ts'
import { MAX_FILE_BYTES } from '#app/modules/storage/storage.server.ts'
import { readUploadForm } from '#app/modules/storage/upload.server.ts'
import { requireProvinceAccess } from '#app/modules/tenancy/guards.server.ts'
import type { RouteHandle } from '#app/root.tsx'
import { FormMessage, useErrorText } from '#app/ui/fields.tsx'

// The application's attachments (issue 6): a list with remove buttons and a plain
// multipart upload form, so it works without JavaScript. A refused file cannot be
// sent back; the page says why and keeps the chosen kind.

type Reply = { problem?: string; refused?: string; kind?: string }

async function guard({ request, context, params }: LoaderFunctionArgs) {
  const { viewer, province } = await requireProvinceAccess(request, context, params.province, canApply)
  const owner = { provinceId: province.id, userId: viewer.user.id }
  // Loaded by province, id and applicant: another applicant's id is 404 before anything else.
  const page = await loadAttachments(context.db, owner, idParam(params, 'application'), context.now())
  return { province, owner, page }
}

// Apply pages ship no React, only public enhancements (docs/decisions/005).
export const handle: RouteHandle = {
  hydrate: false,
  enhance: true,
  title: 'pages.attachments' as const,
  crumbs: [
    { title: 'pages.applyHome', to: '/p/:province/apply' },
    { title: 'pages.application', to: '/p/:province/apply/:application' },
  ],
}

export async function loader(args: LoaderFunctionArgs) {
  const { province, page } = await guard(args)
  const param = new URL(args.request.url).searchParams.get('done')
  const done: 'added' | 'removed' | null = param === 'added' || param === 'removed' ? param : null
  return {
    province,
    id: page.application.id,
    files: page.files,
    editability: page.editability,
    done,
    maxMb: MAX_FILE_BYTES / (1024 * 1024),
  }
}

export async function action(args: ActionFunctionArgs) {
  const { province, owner, page } = await guard(args)
  const { request, context } = args
  const id = page.application.id
  const upload = await readUploadForm(request, MAX_FILE_BYTES)
  const intent = upload.fields.get('intent')
  const kindValue = upload.fields.get('kind')
  const kind = parseKind(kindValue)
  const reply = (body: Reply, status: number) =>
    data<Reply>({ ...body, kind: typeof kindValue === 'string' ? kindValue : undefined }, { status })
  if (page.editability !== 'editable') return reply({ refused: `apply:readOnly.${page.editability}` }, 409)
  const actor = { ...owner, ip: requestMeta(request, context).ip }
  const base = `/p/${province.slug}/apply/${id}/attachments`
  try {
    if (intent === 'remove') {
      const fileId = found(idField(upload.fields, 'file'), 'file')
      await removeAttachment(context.db, actor, id, fileId, context.now())
      return redirect(`${base}?done=removed`)
    }
    const file = upload.files.get('file')
    const problem: UploadProblem | null = !kind ? 'kind' : upload.tooLarge ? 'tooLarge' : !file ? 'missing' : null
    if (problem || !kind || !file) return reply({ problem: uploadProblemKey(problem ?? 'missing', kind) }, 400)
    await addAttachment(context.db, actor, id, kind, file, context.now())
  } catch (error) {
    const no = refusal(error)
    return no.field ? reply({ problem: no.key }, 400) : reply({ refused: no.key }, 409)
  }
  // Post/Redirect/Get: a reload never re-posts the file.
  return redirect(`${base}?done=added`)
}

export default function AttachmentsPage() {
  const { province, id, files, editability, done, maxMb } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as Reply | undefined
  const { t, i18n } = useTranslation(['common', 'apply'])
  const lng = i18n.language as Language
  const text = useErrorText()
  const editable = editability === 'editable'
  const base = `/p/${province.slug}/apply/${id}`
  const full = files.length >= MAX_ATTACHMENTS
  const chosenKind = parseKind(reply?.kind) ?? 'proposal'
  return (
    <main id="main" className="page">
      <h1>{t('apply:attachments.title')}</h1>
      <p className="muted">{t('apply:attachments.limits', { max: MAX_ATTACHMENTS, mb: maxMb })}</p>
      {done ? <FormMessage kind="ok">{t(`apply:attachments.done.${done}`)}</FormMessage> : null}
      {reply?.refused ? <FormMessage kind="error">{text(reply.refused)}</FormMessage> : null}
      {editable ? null : <FormMessage kind="error">{t(`apply:readOnly.${editability}`)}</FormMessage>}

      <h2>{t('apply:attachments.listHeading', { n: files.length, max: MAX_ATTACHMENTS })}</h2>
      {files.length === 0 ? (
        <p>{t('apply:attachments.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('apply:attachments.name')}</th>
              <th scope="col">{t('apply:attachments.kind')}</th>
              <th scope="col">{t('apply:attachments.type')}</th>
              <th scope="col">{t('apply:attachments.size')}</th>
              {editable ? <th scope="col">{t('apply:attachments.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {files.map((f) => (
              <tr key={f.id}>
                <td>
                  <a href={`${base}/files/${f.id}`}>{f.original_name}</a>
                </td>
                <td>{t(`apply:attachments.kinds.${f.kind}`)}</td>
                <td>{typeLabel(f.content_type)}</td>
                <td>{formatSize(f.size, lng)}</td>
                {editable ? (
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="file" value={f.id} />
                      <button
                        type="submit"
                        className="secondary"
                        aria-label={t('apply:attachments.removeNamed', { name: f.original_name })}
                      >
                        {t('apply:attachments.remove')}
                      </button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {/* With the form hidden (all five files there), a refusal still needs a place. */}
      {reply?.problem && full ? <FormMessage kind="error">{text(reply.problem)}</FormMessage> : null}
      {editable && full ? <p>{t('apply:attachments.full', { max: MAX_ATTACHMENTS })}</p> : null}
      {editable && !full ? (
        <Form method="post" encType="multipart/form-data" className="box">
          <h2>{t('apply:attachments.uploadHeading')}</h2>
          <input type="hidden" name="intent" value="upload" />
          <div className="field">
            <label htmlFor="attachment-kind">{t('apply:attachments.kind')}</label>
            <select id="attachment-kind" name="kind" defaultValue={chosenKind} key={chosenKind}>
              {ATTACHMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`apply:attachments.kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="attachment-file">{t('apply:attachments.file')}</label>
            <p className="hint" id="attachment-file-hint">
              {t('apply:attachments.fileHint')}
            </p>
            <input
              id="attachment-file"
              type="file"
              name="file"
              accept={ACCEPT_HINT}
              required
              aria-describedby={reply?.problem ? 'attachment-file-hint attachment-file-error' : 'attachment-file-hint'}
              aria-invalid={reply?.problem ? true : undefined}
            />
            {reply?.problem ? (
              <p id="attachment-file-error" className="field-error" role="alert">
                {text(reply.problem)}
              </p>
            ) : null}
          </div>
          <p className="nav">
            <button type="submit">{t('apply:attachments.upload')}</button>
          </p>
        </Form>
      ) : null}
    </main>
  )
}
