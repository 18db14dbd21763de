import { assignReviewers } from '#app/modules/review/assignment.ts'
const opds = ['o1','o2','o3','o4','o5','o6']
let seed = 11; const rnd = () => (seed = (seed*1103515245+12345) % 2147483648) / 2147483648
const reviewers = Array.from({length:60},(_,i)=>({id:`r${String(i).padStart(2,'0')}`, opdId: opds[i%6]!}))
const applications = Array.from({length:5000},(_,i)=>({id:`a${String(i).padStart(4,'0')}`, ownerOpdId: opds[Math.floor(rnd()*6)]!}))
const conflicts = applications.flatMap((a,i) => reviewers.filter((r,j) => j<10 ? rnd()<0.9 : (j<20 && i%2===0)).map(r => ({applicationId:a.id, reviewerId:r.id})))
const t=performance.now()
assignReviewers({applications, reviewers, conflicts, perApplication:3})
console.log('total', performance.now()-t)
