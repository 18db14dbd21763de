// Where and as whom Bappeda's review workflows (screening, settings, rubric, reviewers,
// assignment) act: the province from the route's guard and the signed-in admin.

export interface ReviewProvince {
  id: string
  slug: string
  name: string
  time_zone: string
}

export interface ReviewActor {
  userId: string
  ip: string | null
  now: Date
  origin: string
}
