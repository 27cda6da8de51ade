import { groupIdSchema } from '../../src/contract/schemas'
import { publicGroup } from './challenges'
import { defineFunction } from '../function'
import { freshInviteCode, requireGroup, requireLeader } from './groups'
import { setInviteCode } from './groupQueries'

/** A leaked code stops working at once; members stay. */
export const rotateInviteCode = defineFunction({
  name: 'rotateInviteCode',
  schema: groupIdSchema,
  auth: 'session',
  transaction: 'write',
  async handle({ groupId }, who, services) {
    const group = await requireGroup(services, groupId)
    requireLeader(group, who)
    const code = await freshInviteCode(services)
    await setInviteCode(services.store, groupId, code)
    return { group: await publicGroup(services, { ...group, inviteCode: code }, who.openid) }
  },
})
