import { createGroupSchema } from '../../src/contract/schemas'
import { toShanghaiIso } from '../../src/core/time'
import { publicGroup } from '../challenges'
import { parse, requireCaller, type CloudFunction } from '../function'
import { freshInviteCode } from '../groups'

/** The creator becomes the leader and first member. */
export const createGroup: CloudFunction<'createGroup'> = {
  name: 'createGroup',
  requiresSession: true,
  handle(data, caller, services) {
    const { name } = parse(createGroupSchema, data)
    const { openid } = requireCaller(caller)
    return services.store.transaction(() => {
      const at = toShanghaiIso(services.now())
      const group = { id: services.newId('gp'), name, inviteCode: freshInviteCode(services), leader: openid, createdAt: at }
      services.store.insertGroup(group)
      services.store.addMember(group.id, openid, at)
      return { group: publicGroup(services, group, openid) }
    })
  },
}
