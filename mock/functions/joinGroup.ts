import { joinGroupSchema } from '../../src/contract/schemas'
import { toShanghaiIso } from '../../src/core/time'
import { publicGroup } from '../challenges'
import { CloudError } from '../errors'
import { parse, requireCaller, type CloudFunction } from '../function'

/** Joining twice is harmless: the answer is the group either way. */
export const joinGroup: CloudFunction<'joinGroup'> = {
  name: 'joinGroup',
  requiresSession: true,
  handle(data, caller, services) {
    const { inviteCode } = parse(joinGroupSchema, data)
    const { openid } = requireCaller(caller)
    return services.store.transaction(() => {
      const group = services.store.getGroupByInvite(inviteCode)
      if (!group) throw new CloudError('NOT_FOUND', 'No group has that invite code; ask the leader for the current one.')
      services.store.addMember(group.id, openid, toShanghaiIso(services.now()))
      return { group: publicGroup(services, group, openid) }
    })
  },
}
