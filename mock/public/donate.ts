import { donateSchema } from '../../src/contract/schemas'
import { toShanghaiIso } from '../../src/core/time'
import { slotOf } from '../../src/core/counters'
import { CloudError } from '../errors'
import { defineFunction, inTransaction } from '../function'
import { lockAndReplay, payloadHash } from '../idempotency'
import { appendEntry, heldNote, publicWallet } from '../wallet/ledger'
import { spendablePoints } from '../../src/core/review'
import { publicProjects } from './projects'
import { getProject, addDonation } from './queries'
import { getEntry, getWallet, saveRequest } from '../wallet/queries'

/** Points to a public-good project: one donate entry, exactly once per requestId. */
export const donate = defineFunction({
  name: 'donate',
  schema: donateSchema,
  auth: 'session',
  async handle(req, { openid }, services) {
    const hash = payloadHash('donate', req)
    return inTransaction(services, async (services) => {
      const { store } = services
      // First, before any read: this person's caps, limits and requestIds are read and written by one call at a time.
      const previous = await lockAndReplay(store, openid, req.requestId, 'donate', hash)
      const project = await getProject(store, req.projectId)
      if (previous) {
        const entry = await getEntry(store, openid, previous.resultRef)
        if (!entry || !project) throw new Error(`request ${req.requestId} points at a missing donation`)
        return { entry, project: (await publicProjects(services, openid, [project]))[0], wallet: await publicWallet(services, openid) }
      }
      if (!project || !project.active) throw new CloudError('NOT_FOUND', `No project with id ${req.projectId} is open for donations.`)
      const spendable = spendablePoints(await getWallet(store, openid))
      if (spendable < req.points) {
        throw new CloudError('INSUFFICIENT_POINTS', `You can spend ${spendable} points${await heldNote(services, openid)}; you tried to give ${req.points}.`)
      }
      const at = toShanghaiIso(services.now())
      const { entry, wallet } = await appendEntry(services, openid, { type: 'donate', gramsCo2e: 0, points: -req.points, day: at.slice(0, 10), ref: project.id })
      await addDonation(store, project.id, openid, slotOf(openid), req.points)
      await saveRequest(store, openid, req.requestId, { fn: 'donate', payloadHash: hash, resultRef: entry.id, capped: false })
      return { entry, project: (await publicProjects(services, openid, [project]))[0], wallet }
    })
  },
})
