import { Text } from '@tarojs/components'
import type { Community, OrganizerScopeView } from '@/contract/types'
import type { PackageKey } from '../messages'
import { localName } from '@/i18n/localName'
import { selectLang, useAppStore } from '@/store'

export interface ScopeLineProps {
  scope: OrganizerScopeView | undefined
  communities: Community[]
  t(key: PackageKey, params?: Record<string, string | number>): string
}

/** Says what the organizer acts on, so a community organizer knows why another community's things are absent. */
export function ScopeLine({ scope, communities, t }: ScopeLineProps) {
  const lang = useAppStore(selectLang)
  if (!scope) return null
  const community = communities.find((c) => c.id === scope.communityId)
  const name = scope.communityId === null ? '' : community ? localName(community, lang) : scope.communityId
  return (
    <Text className='muted scope-line' id='organizer-scope'>
      {scope.communityId === null ? t('scope.city') : t('scope.community', { name })}
    </Text>
  )
}
