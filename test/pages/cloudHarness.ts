/** Pages talk to a real mock cloud over SQLite :memory:, in-process: the same functions as over HTTP. */
import { createCloud, type Cloud } from '../../mock/cloud'
import { setTransport, type CloudBody } from '../../src/services/cloud'

export function inProcessCloud(now?: () => number): Cloud {
  const cloud = createCloud({ dbPath: ':memory:', rateLimit: { burst: 0, perSecond: 1 }, now })
  setTransport(async (name, data, token) => cloud.call(name, data, token ? `Bearer ${token}` : undefined).body as CloudBody)
  return cloud
}

/** A transport that fails like a phone with no signal, and counts the calls it swallowed. */
export function offlineTransport() {
  const calls: string[] = []
  setTransport(async (name) => {
    calls.push(name)
    const { CloudCallError } = await import('../../src/services/cloud')
    throw new CloudCallError('NETWORK', 'request:fail')
  })
  return calls
}
