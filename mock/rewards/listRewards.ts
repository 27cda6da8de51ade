import { emptySchema } from '../../src/contract/schemas'
import type { Reward } from '../../src/contract/types'
import { canActOn, offeredTo } from '../../src/core/community'
import { defineFunction, type Services } from '../function'
import { publicReward } from './rewards'
import { heldRedemptionCounts, listRewards as listRewardsQuery, type RewardRecord } from './queries'
import { communityOf } from '../communities/queries'
import { getPartner } from '../partners/queries'
import { getMerchant } from '../merchants/queries'
import { offerMerchant } from '../merchants/merchants'

/**
 * Residents see the active rewards offered to them (city-wide and their community's); organizers also see the
 * rewards they may edit, inactive ones included. A merchant's offer carries where it is handed out; one whose
 * merchant left the city (revoked) or has no counter yet is not offered.
 */
export const listRewards = defineFunction({
  name: 'listRewards',
  schema: emptySchema,
  auth: 'session',
  transaction: 'read',
  async handle(_req, { openid, organizerScope }, services) {
    const held = await heldRedemptionCounts(services.store, openid)
    const { communityId } = await communityOf(services.store, openid)
    const rewards = (await listRewardsQuery(services.store, organizerScope !== undefined)).filter(
      (r) => (organizerScope && canActOn(organizerScope, r.communityId)) || (r.active && offeredTo(r.communityId, communityId)),
    )
    const merchants = await merchantsOf(services, rewards)
    const out: Reward[] = []
    for (const r of rewards) {
      if (r.merchantId === '') out.push(publicReward(r, held.get(r.id) ?? 0))
      else {
        const merchant = merchants.get(r.merchantId)
        if (merchant) out.push({ ...publicReward(r, held.get(r.id) ?? 0), merchant })
      }
    }
    return { rewards: out }
  },
})

/** The merchants of these offers, each read once by key (a city has a few dozen). */
async function merchantsOf(services: Services, rewards: RewardRecord[]): Promise<Map<string, NonNullable<Reward['merchant']>>> {
  const out = new Map<string, NonNullable<Reward['merchant']>>()
  for (const id of new Set(rewards.map((r) => r.merchantId).filter((id) => id !== ''))) {
    const partner = await getPartner(services.store, id)
    const counter = await getMerchant(services.store, id)
    if (partner && !partner.revokedAt && counter) out.set(id, { id, ...offerMerchant(partner, counter) })
  }
  return out
}
