import { Text } from '@tarojs/components'
import type { Community, OrganizerScopeView } from '@/contract/types'
import type { PackageKey } from '../messages'

export interface ScopeLineProps {
  scope: OrganizerScopeView | undefined
  communities: Community[]
  t(key: PackageKey, params?: Record<string, string | number>): string
}

/** Says what the organizer acts on, so a community organizer knows why another community's things are absent. */
export function ScopeLine({ scope, communities, t }: ScopeLineProps) {
  if (!scope) return null
  const name = scope.communityId === null ? '' : (communities.find((c) => c.id === scope.communityId)?.name ?? scope.communityId)
  return (
    <Text className='muted scope-line' id='organizer-scope'>
      {scope.communityId === null ? t('scope.city') : t('scope.community', { name })}
    </Text>
  )
}
