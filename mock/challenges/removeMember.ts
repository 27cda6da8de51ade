import { removeMemberSchema } from '../../src/contract/schemas'
import { leaveGroupChallenges, publicGroup } from './challenges'
import { CloudError } from '../errors'
import { defineFunction } from '../function'
import { requireGroup, requireLeader } from './groups'
import { removeMember as removeMemberQuery } from './groupQueries'

export const removeMember = defineFunction({
  name: 'removeMember',
  schema: removeMemberSchema,
  auth: 'session',
  transaction: 'write',
  async handle({ groupId, memberId }, who, services) {
    const group = await requireGroup(services, groupId)
    requireLeader(group, who)
    if (memberId === who.openid) throw new CloudError('CONFLICT', 'The leader cannot remove themselves.', { reason: 'group.leaderCannotRemoveSelf' })
    if (!(await removeMemberQuery(services.store, groupId, memberId)))
      throw new CloudError('NOT_FOUND', 'No such member in this group.', { reason: 'group.noSuchMember' })
    await leaveGroupChallenges(services, groupId, memberId)
    return { group: await publicGroup(services, group, who.openid) }
  },
})
