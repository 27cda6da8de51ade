import { customAlphabet } from 'nanoid'
import { INVITE_ALPHABET, INVITE_LENGTH } from '../../src/contract/constants'
import { CloudError } from '../errors'
import type { CallerContext, Services } from '../function'
import type { GroupRecord } from './groupQueries'
import { getGroupByInvite, getGroup } from './groupQueries'

/** Short, unambiguous, unguessable enough for a neighbourhood: 31^6 ≈ 8.9×10^8 codes. */
const inviteCode = customAlphabet(INVITE_ALPHABET, INVITE_LENGTH)

export async function freshInviteCode(services: Services): Promise<string> {
  let code = inviteCode()
  while (await getGroupByInvite(services.store, code)) code = inviteCode()
  return code
}

export async function requireGroup(services: Services, groupId: string): Promise<GroupRecord> {
  const g = await getGroup(services.store, groupId)
  if (!g) throw new CloudError('NOT_FOUND', `No group with id ${groupId}.`, { reason: 'group.notFound' })
  return g
}

export function requireLeader(g: GroupRecord, caller: CallerContext): void {
  if (g.leader !== caller.openid) throw new CloudError('PERMISSION_DENIED', 'Only the group leader can do this.', { reason: 'group.leaderOnly' })
}
