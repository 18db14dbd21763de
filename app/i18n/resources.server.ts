import enAuth from '#locales/en/auth.json'
import enCommon from '#locales/en/common.json'
import enMail from '#locales/en/mail.json'
import enManage from '#locales/en/manage.json'
import enPortal from '#locales/en/portal.json'
import idAuth from '#locales/id/auth.json'
import idCommon from '#locales/id/common.json'
import idMail from '#locales/id/mail.json'
import idManage from '#locales/id/manage.json'
import idPortal from '#locales/id/portal.json'

/** Every namespace in both languages; the server bundle carries them all. */
export const resources = {
  id: { common: idCommon, portal: idPortal, auth: idAuth, manage: idManage, mail: idMail },
  en: { common: enCommon, portal: enPortal, auth: enAuth, manage: enManage, mail: enMail },
}
