import enApply from '#locales/en/apply.json'
import enAuth from '#locales/en/auth.json'
import enCalls from '#locales/en/calls.json'
import enCatalogue from '#locales/en/catalogue.json'
import enCocreation from '#locales/en/cocreation.json'
import enCommon from '#locales/en/common.json'
import enFinalNight from '#locales/en/final-night.json'
import enImpact from '#locales/en/impact.json'
import enInclusion from '#locales/en/inclusion.json'
import enJippnas from '#locales/en/jippnas.json'
import enMail from '#locales/en/mail.json'
import enManage from '#locales/en/manage.json'
import enMentoring from '#locales/en/mentoring.json'
import enMessaging from '#locales/en/messaging.json'
import enMou from '#locales/en/mou.json'
import enNational from '#locales/en/national.json'
import enOversight from '#locales/en/oversight.json'
import enPortal from '#locales/en/portal.json'
import enPrivacy from '#locales/en/privacy.json'
import enReplication from '#locales/en/replication.json'
import enReview from '#locales/en/review.json'
import enScreening from '#locales/en/screening.json'
import enSelection from '#locales/en/selection.json'
import enVenture from '#locales/en/venture.json'
import idApply from '#locales/id/apply.json'
import idAuth from '#locales/id/auth.json'
import idCalls from '#locales/id/calls.json'
import idCatalogue from '#locales/id/catalogue.json'
import idCocreation from '#locales/id/cocreation.json'
import idCommon from '#locales/id/common.json'
import idFinalNight from '#locales/id/final-night.json'
import idImpact from '#locales/id/impact.json'
import idInclusion from '#locales/id/inclusion.json'
import idJippnas from '#locales/id/jippnas.json'
import idMail from '#locales/id/mail.json'
import idManage from '#locales/id/manage.json'
import idMentoring from '#locales/id/mentoring.json'
import idMessaging from '#locales/id/messaging.json'
import idMou from '#locales/id/mou.json'
import idNational from '#locales/id/national.json'
import idOversight from '#locales/id/oversight.json'
import idPortal from '#locales/id/portal.json'
import idPrivacy from '#locales/id/privacy.json'
import idReplication from '#locales/id/replication.json'
import idReview from '#locales/id/review.json'
import idScreening from '#locales/id/screening.json'
import idSelection from '#locales/id/selection.json'
import idVenture from '#locales/id/venture.json'

/** Every namespace in both languages; the server bundle carries them all. */
export const resources = {
  id: {
    common: idCommon,
    portal: idPortal,
    auth: idAuth,
    manage: idManage,
    mail: idMail,
    national: idNational,
    catalogue: idCatalogue,
    calls: idCalls,
    venture: idVenture,
    apply: idApply,
    screening: idScreening,
    review: idReview,
    selection: idSelection,
    mentoring: idMentoring,
    'final-night': idFinalNight,
    messaging: idMessaging,
    privacy: idPrivacy,
    cocreation: idCocreation,
    mou: idMou,
    jippnas: idJippnas,
    replication: idReplication,
    impact: idImpact,
    inclusion: idInclusion,
    oversight: idOversight,
  },
  en: {
    common: enCommon,
    portal: enPortal,
    auth: enAuth,
    manage: enManage,
    mail: enMail,
    national: enNational,
    catalogue: enCatalogue,
    calls: enCalls,
    venture: enVenture,
    apply: enApply,
    screening: enScreening,
    review: enReview,
    selection: enSelection,
    mentoring: enMentoring,
    'final-night': enFinalNight,
    messaging: enMessaging,
    privacy: enPrivacy,
    cocreation: enCocreation,
    mou: enMou,
    jippnas: enJippnas,
    replication: enReplication,
    impact: enImpact,
    inclusion: enInclusion,
    oversight: enOversight,
  },
}
