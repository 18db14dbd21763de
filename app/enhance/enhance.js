// Progressive enhancement of the apply pages, which are not hydrated
// (docs/decisions/005-apply-pages-without-hydration.md). Plain browser JavaScript,
// no build step and no i18n of its own: every text comes translated from the server
// in data attributes. Without this file every form still works by a plain POST.
;(() => {
  const locale = document.documentElement.lang === 'en' ? 'en-GB' : 'id-ID'
  const number = (n) => n.toLocaleString(locale)
  const clock = (iso) => new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })

  // ---- live "n / max" counters next to limited fields ----
  for (const counter of document.querySelectorAll('[data-counter-for]')) {
    const field = document.getElementById(counter.dataset.counterFor)
    if (!field) continue
    const max = Number(counter.dataset.max)
    const update = () => {
      const count = field.value.length
      counter.textContent = counter.dataset.template.replace('{count}', number(count)).replace('{max}', number(max))
      counter.classList.toggle('near-limit', count >= max * 0.9)
    }
    field.addEventListener('input', update)
    update()
    counter.hidden = false
  }

  // ---- autosave after typing pauses and when the page is left ----
  const PAUSE_MS = 2000
  const RETRY_MS = 15000

  // The form's data-autosave names its JSON endpoint (…/:section/autosave).
  for (const form of document.querySelectorAll('form[data-autosave]')) {
    const text = form.dataset
    const status = form.querySelector('[data-autosave-status]')
    const show = (message) => {
      // The page's notice about the last press of Save ("Saved.") is no longer the
      // latest answer: one message at a time, the status line's.
      for (const notice of document.querySelectorAll('[data-outcome]')) notice.remove()
      if (status && status.textContent !== message) status.textContent = message
    }
    let timer = 0
    let dirty = false
    let stopped = false
    let inFlight = null

    const post = (keepalive) => {
      const body = new URLSearchParams(new FormData(form))
      return fetch(text.autosave, {
        method: 'POST',
        body,
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        keepalive,
      })
    }

    const answer = async (response) => {
      const reply = await response.json().catch(() => null)
      if (response.ok && reply?.ok) {
        return show(reply.changed === false ? text.unchanged : text.saved.replace('{time}', clock(reply.savedAt)))
      }
      if (response.status === 400) return show(text.invalid)
      // The session ended, or the application can no longer change: the button takes over.
      stopped = response.status === 401 || response.status === 404 || response.status === 409
      if (response.status === 401) return show(text.signedOut)
      if (stopped) return show(text.closed)
      failed()
    }
    const failed = () => {
      dirty = true
      show(text.failed)
      clearTimeout(timer)
      timer = setTimeout(save, RETRY_MS)
    }

    function save() {
      clearTimeout(timer)
      if (stopped || !dirty) return
      // One save at a time; what changed meanwhile is saved right after.
      if (inFlight) {
        inFlight.then(save)
        return
      }
      dirty = false
      show(text.saving)
      inFlight = post(false)
        .then(answer, failed)
        .finally(() => {
          inFlight = null
        })
    }

    const changed = () => {
      if (stopped) return
      dirty = true
      clearTimeout(timer)
      timer = setTimeout(save, PAUSE_MS)
    }
    form.addEventListener('input', changed)
    form.addEventListener('change', changed)
    // A press of Save posts the whole form the ordinary way; autosave steps aside.
    form.addEventListener('submit', () => {
      clearTimeout(timer)
      stopped = true
    })
    const leaving = () => {
      if (stopped || !dirty) return
      clearTimeout(timer)
      dirty = false
      // keepalive lets the request finish after the page is gone. Behind a save still
      // under way, so an older text can never arrive last and overwrite a newer one.
      const send = () => post(true).catch(() => {})
      if (inFlight) inFlight.then(send)
      else send()
    }
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') leaving()
    })
    window.addEventListener('pagehide', leaving)
  }
})()
