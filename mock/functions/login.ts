import { loginSchema } from '../../src/contract/schemas'
import type { Role } from '../../src/contract/types'
import { parse, type CloudFunction } from '../function'

/** Dev login: `dev:<handle>` stands in for wx.login's code; the openid is random and never the handle. */
export const login: CloudFunction<'login'> = {
  name: 'login',
  requiresSession: false,
  handle(data, _caller, services) {
    const { code } = parse(loginSchema, data)
    const handle = code.slice('dev:'.length)
    const roles: Role[] = services.organizers.has(handle) ? ['resident', 'organizer'] : ['resident']
    const user = services.store.transaction(() => {
      const existing = services.store.findUserByHandle(handle)
      if (existing) {
        if (existing.roles.join(',') !== roles.join(',')) services.store.setUserRoles(existing.openid, roles)
        return { ...existing, roles }
      }
      const created = {
        openid: services.newId('o'),
        handle,
        nickname: handle,
        roles,
        createdAt: new Date(services.now()).toISOString(),
      }
      services.store.insertUser(created)
      return created
    })
    return { openid: user.openid, token: services.tokens.issue(user.openid), roles: user.roles, nickname: user.nickname }
  },
}
