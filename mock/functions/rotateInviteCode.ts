import { groupIdSchema } from '../../src/contract/schemas'
import { publicGroup } from '../challenges'
import { parse, requireCaller, type CloudFunction } from '../function'
import { freshInviteCode, requireGroup, requireLeader } from '../groups'

/** A leaked code stops working at once; members stay. */
export const rotateInviteCode: CloudFunction<'rotateInviteCode'> = {
  name: 'rotateInviteCode',
  requiresSession: true,
  handle(data, caller, services) {
    const { groupId } = parse(groupIdSchema, data)
    const who = requireCaller(caller)
    return services.store.transaction(() => {
      const group = requireGroup(services, groupId)
      requireLeader(group, who)
      const code = freshInviteCode(services)
      services.store.setInviteCode(groupId, code)
      return { group: publicGroup(services, { ...group, inviteCode: code }, who.openid) }
    })
  },
}
