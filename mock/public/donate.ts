import { donateSchema } from '../../src/contract/schemas'
import { toShanghaiIso } from '../../src/core/time'
import { slotOf } from '../../src/core/counters'
import { CloudError } from '../errors'
import { defineIdempotentFunction } from '../function'
import { appendEntry, heldNote, publicWallet } from '../wallet/ledger'
import { spendablePoints } from '../../src/core/points'
import { publicProjects } from './projects'
import { getProject, addDonation } from './queries'
import { getEntry, getWallet } from '../wallet/queries'

/** Points to a public-good project: one donate entry, exactly once per requestId. */
export const donate = defineIdempotentFunction({
  name: 'donate',
  schema: donateSchema,
  auth: 'session',
  transaction: 'write',
  idempotent: {
    async replay(recorded, req, { openid }, services) {
      const entry = await getEntry(services.store, openid, recorded.resultRef)
      const project = await getProject(services.store, req.projectId)
      if (!entry || !project) throw new Error(`request ${req.requestId} points at a missing donation`)
      return { entry, project: (await publicProjects(services, openid, [project]))[0], wallet: await publicWallet(services, openid) }
    },
  },
  async handle(req, { openid }, services) {
    const { store } = services
    const project = await getProject(store, req.projectId)
    if (!project || !project.active)
      throw new CloudError('NOT_FOUND', `No project with id ${req.projectId} is open for donations.`, { reason: 'donate.noProject' })
    const before = await getWallet(store, openid)
    const spendable = spendablePoints(before)
    if (spendable < req.points) {
      const { title } = project
      const { points } = req
      throw new CloudError(
        'INSUFFICIENT_POINTS',
        `You can spend ${spendable} points${await heldNote(services, openid)}; you tried to give ${points}.`,
        before.pointsHeld > 0
          ? { reason: 'donate.insufficientPointsHeld', params: { title, points, spendablePoints: spendable, heldPoints: before.pointsHeld } }
          : { reason: 'donate.insufficientPoints', params: { title, points, spendablePoints: spendable } },
      )
    }
    const at = toShanghaiIso(services.now())
    const { entry, wallet } = await appendEntry(services, openid, { type: 'donate', gramsCo2e: 0, points: -req.points, day: at.slice(0, 10), ref: project.id })
    await addDonation(store, project.id, openid, slotOf(openid), req.points)
    return { answer: { entry, project: (await publicProjects(services, openid, [project]))[0], wallet }, ref: entry.id }
  },
})
