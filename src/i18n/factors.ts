import { FACTOR_KINDS, isFactorKind } from '../core/kinds'
import type { MessageKey } from './messages'

/** The message that names a factor, from its id (`kind.key`), through the kinds registry. */
export function factorLabelKey(factorId: string): MessageKey {
  const [kind, key] = factorId.split('.')
  return (isFactorKind(kind) ? FACTOR_KINDS[kind].labelKey(key) : 'factor.unknown') as MessageKey
}
