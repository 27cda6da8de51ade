import { joinGroupSchema } from '../../src/contract/schemas'
import { toShanghaiIso } from '../../src/core/time'
import { publicGroup } from './challenges'
import { CloudError } from '../errors'
import { defineFunction } from '../function'
import { lockCaller } from '../idempotency'
import { getGroupByInvite, addMember } from './groupQueries'

/** Joining twice is harmless: the answer is the group either way. */
export const joinGroup = defineFunction({
  name: 'joinGroup',
  schema: joinGroupSchema,
  auth: 'session',
  transaction: 'write',
  async handle({ inviteCode }, { openid }, services) {
    await lockCaller(services.store, openid)
    const group = await getGroupByInvite(services.store, inviteCode)
    // A closed group (its last member left) admits nobody, whatever code it had.
    if (!group || group.closedAt)
      throw new CloudError('NOT_FOUND', 'No group has that invite code; ask the leader for the current one.', { reason: 'group.unknownInvite' })
    await addMember(services.store, group.id, openid, toShanghaiIso(services.now()))
    return { group: await publicGroup(services, group, openid) }
  },
})
