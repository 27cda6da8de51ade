import type { MessageKey } from './messages'

/** The message that names a factor, from its id (`kind.key`): one switch, so a new kind cannot be missed. */
export function factorLabelKey(factorId: string): MessageKey {
  const [kind, key] = factorId.split('.')
  switch (kind) {
    case 'travel':
      return `mode.${key}` as MessageKey
    case 'recycling':
      return `material.${key}` as MessageKey
    case 'steps':
      return 'factor.werun'
    default:
      return 'factor.unknown'
  }
}
