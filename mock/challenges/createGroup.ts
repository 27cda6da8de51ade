import { createGroupSchema } from '../../src/contract/schemas'
import { toShanghaiIso } from '../../src/core/time'
import { publicGroup } from './challenges'
import { defineFunction } from '../function'
import { lockCaller } from '../idempotency'
import { freshInviteCode } from './groups'
import { insertGroup, addMember } from './groupQueries'

/** The creator becomes the leader and first member. */
export const createGroup = defineFunction({
  name: 'createGroup',
  schema: createGroupSchema,
  auth: 'session',
  transaction: 'write',
  async handle({ name }, { openid }, services) {
    await lockCaller(services.store, openid)
    const at = toShanghaiIso(services.now())
    const group = { id: services.newId('gp'), name, inviteCode: await freshInviteCode(services), leader: openid, createdAt: at }
    await insertGroup(services.store, group)
    await addMember(services.store, group.id, openid, at)
    return { group: await publicGroup(services, group, openid) }
  },
})
