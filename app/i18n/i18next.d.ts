import type idCommon from '#locales/id/common.json'
import type idPortal from '#locales/id/portal.json'

// Keys are typed from the Indonesian resources, the primary language.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common'
    resources: { common: typeof idCommon; portal: typeof idPortal }
  }
}
