import { rankingFileLoader } from '#app/modules/selection/ranking-file.server.ts'

// The ranking as a file; see ranking-file.server.ts.
export const loader = rankingFileLoader('xlsx')
