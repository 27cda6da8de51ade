import { groupIdSchema } from '../../src/contract/schemas'
import { CloudError } from '../errors'
import { defineFunction } from '../function'
import { requireGroup } from './groups'
import { leaveGroupChallenges } from './challenges'
import { removeMember } from './groupQueries'

/** A member leaves; the leader cannot leave the group without a leader. In the group's challenges they leave the board; in open ones they go on alone. */
export const leaveGroup = defineFunction({
  name: 'leaveGroup',
  schema: groupIdSchema,
  auth: 'session',
  transaction: 'write',
  async handle({ groupId }, { openid }, services) {
    const group = await requireGroup(services, groupId)
    if (group.leader === openid) throw new CloudError('CONFLICT', 'The leader cannot leave the group.', { reason: 'group.leaderCannotLeave' })
    if (!(await removeMember(services.store, groupId, openid))) throw new CloudError('NOT_FOUND', 'You are not in this group.', { reason: 'group.notMember' })
    await leaveGroupChallenges(services, groupId, openid)
    return { left: true as const }
  },
})
