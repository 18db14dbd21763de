import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { defaultNamespace, fallbackLanguage, isLanguage, namespaces } from './config.ts'
import { interpolation } from './format.ts'

// One lazily loaded chunk per language and namespace: a page downloads only the
// language it is rendered in, and hydration waits for it (no flash of the other one).
const loaders = import.meta.glob<{ default: Record<string, unknown> }>('../../locales/*/*.json')

/** Initialises i18next in the browser in the language the server rendered. */
export async function initClientI18n(): Promise<typeof i18next> {
  const lang = document.documentElement.lang
  const language = isLanguage(lang) ? lang : fallbackLanguage
  const bundles = await Promise.all(
    namespaces.map(async (ns) => {
      const load = loaders[`../../locales/${language}/${ns}.json`]
      return [ns, load ? (await load()).default : {}] as const
    }),
  )
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: false,
    ns: [...namespaces],
    defaultNS: defaultNamespace,
    resources: { [language]: Object.fromEntries(bundles) },
    interpolation,
  })
  return i18next
}
