import { factorLabelKeyOf } from '../core/kinds/faces'
import type { MessageKey } from './messages'

/** The message that names a factor, from its id (`kind.key`), through the kinds registry. */
export function factorLabelKey(factorId: string): MessageKey {
  return (factorLabelKeyOf(factorId) ?? 'factor.unknown') as MessageKey
}
