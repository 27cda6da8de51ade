import { groupIdSchema } from '../../src/contract/schemas'
import { publicGroup } from '../challenges'
import { parse, requireCaller, type CloudFunction, inTransaction } from '../function'
import { freshInviteCode, requireGroup, requireLeader } from '../groups'

/** A leaked code stops working at once; members stay. */
export const rotateInviteCode: CloudFunction<'rotateInviteCode'> = {
  name: 'rotateInviteCode',
  requiresSession: true,
  handle(data, caller, services) {
    const { groupId } = parse(groupIdSchema, data)
    const who = requireCaller(caller)
    return inTransaction(services, async (services) => {
      const group = await requireGroup(services, groupId)
      requireLeader(group, who)
      const code = await freshInviteCode(services)
      await services.store.setInviteCode(groupId, code)
      return { group: await publicGroup(services, { ...group, inviteCode: code }, who.openid) }
    })
  },
}
