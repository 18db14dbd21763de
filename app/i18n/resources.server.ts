import enCommon from '#locales/en/common.json'
import enPortal from '#locales/en/portal.json'
import idCommon from '#locales/id/common.json'
import idPortal from '#locales/id/portal.json'

/** Every namespace in both languages; the server bundle carries them all. */
export const resources = {
  id: { common: idCommon, portal: idPortal },
  en: { common: enCommon, portal: enPortal },
}
