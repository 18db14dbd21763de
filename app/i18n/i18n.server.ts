import { createInstance, type InitOptions, type i18n } from 'i18next'
import { defaultNamespace, fallbackLanguage, type Language, namespaces } from './config.ts'
import { interpolation } from './format.ts'
import { rememberPlainLookups } from './plain-lookups.server.ts'
import { resources } from './resources.server.ts'

const instances = new Map<Language, i18n>()

/** How every server instance is set up (tests compare the remembered lookups with a plain one). */
export function serverInitOptions(language: Language): InitOptions {
  return {
    lng: language,
    fallbackLng: fallbackLanguage,
    ns: [...namespaces],
    defaultNS: defaultNamespace,
    resources,
    initImmediate: false,
    interpolation,
    returnNull: false,
  }
}

/**
 * A ready i18next instance for one language. Instances are shared per language:
 * nothing changes their language after init, and resources are in memory, which is
 * also why their option-less lookups can be remembered (plain-lookups.server.ts).
 */
export function i18nFor(language: Language): i18n {
  let instance = instances.get(language)
  if (!instance) {
    instance = createInstance()
    void instance.init(serverInitOptions(language))
    rememberPlainLookups(instance)
    instances.set(language, instance)
  }
  return instance
}

/** Server-side translation function for one language (mail, CSV, page titles). */
export function getFixedT(language: Language) {
  return i18nFor(language).getFixedT(language, [...namespaces])
}
