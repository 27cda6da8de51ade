import { listChallengesSchema } from '../../src/contract/schemas'
import { publicChallenge } from '../challenges'
import { parse, requireCaller, type CloudFunction, inTransaction } from '../function'

const LIMIT = 200

/** mine: joined and not finished; open: visible to me, not finished, not joined; finished: visible and over. */
export const listChallenges: CloudFunction<'listChallenges'> = {
  name: 'listChallenges',
  requiresSession: true,
  handle(data, caller, services) {
    const { scope } = parse(listChallengesSchema, data)
    const { openid } = requireCaller(caller)
    return inTransaction(services, async (services) => {
      const { store } = services
      const groupIds = (await store.groupsOf(openid)).map((g) => g.id)
      const all = await Promise.all((await store.visibleChallenges(groupIds, LIMIT)).map((c) => publicChallenge(services, c, openid)))
      const challenges = all.filter((c) =>
        scope === 'finished' ? c.status === 'finished' : scope === 'mine' ? c.joined && c.status !== 'finished' : !c.joined && c.status !== 'finished',
      )
      return { challenges }
    })
  },
}
