import type idApply from '#locales/id/apply.json'
import type idAuth from '#locales/id/auth.json'
import type idCalls from '#locales/id/calls.json'
import type idCatalogue from '#locales/id/catalogue.json'
import type idCocreation from '#locales/id/cocreation.json'
import type idCommon from '#locales/id/common.json'
import type idFinalNight from '#locales/id/final-night.json'
import type idImpact from '#locales/id/impact.json'
import type idInclusion from '#locales/id/inclusion.json'
import type idJippnas from '#locales/id/jippnas.json'
import type idMail from '#locales/id/mail.json'
import type idManage from '#locales/id/manage.json'
import type idMentoring from '#locales/id/mentoring.json'
import type idMessaging from '#locales/id/messaging.json'
import type idMou from '#locales/id/mou.json'
import type idNational from '#locales/id/national.json'
import type idOversight from '#locales/id/oversight.json'
import type idPortal from '#locales/id/portal.json'
import type idPrivacy from '#locales/id/privacy.json'
import type idReplication from '#locales/id/replication.json'
import type idReview from '#locales/id/review.json'
import type idScreening from '#locales/id/screening.json'
import type idSelection from '#locales/id/selection.json'
import type idVenture from '#locales/id/venture.json'

// Keys are typed from the Indonesian resources, the primary language.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common'
    resources: {
      common: typeof idCommon
      portal: typeof idPortal
      auth: typeof idAuth
      manage: typeof idManage
      mail: typeof idMail
      national: typeof idNational
      catalogue: typeof idCatalogue
      calls: typeof idCalls
      venture: typeof idVenture
      apply: typeof idApply
      screening: typeof idScreening
      review: typeof idReview
      selection: typeof idSelection
      mentoring: typeof idMentoring
      'final-night': typeof idFinalNight
      messaging: typeof idMessaging
      privacy: typeof idPrivacy
      cocreation: typeof idCocreation
      mou: typeof idMou
      jippnas: typeof idJippnas
      replication: typeof idReplication
      impact: typeof idImpact
      inclusion: typeof idInclusion
      oversight: typeof idOversight
    }
  }
}
