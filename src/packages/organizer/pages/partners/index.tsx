import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Notice } from '@/components/Notice'
import { useTextScale } from '@/components/TextScale'
import { useAction } from '@/components/useAction'
import { usePageTitle } from '@/components/usePageTitle'
import { useRequireSession } from '@/components/useSession'
import { usePackageT } from '@/components/useT'
import type { SecretIssued } from '@/contract/partner'
import { CloudCallError } from '@/services/cloud'
import { MESSAGES } from '../../messages'
import { ScopeLine } from '../../parts/ScopeLine'
import { useOrganizerStore } from '../../store'
import './index.scss'
import { PartnerCard, RegisterForm } from './parts/PartnerAdminParts'

/**
 * The city's partners (city organizers): register one, and see its signing secret once; rotate a secret, revoke a
 * partner. A community organizer is told the page is the city's; the cloud refuses them anyway.
 */
export default function PartnersAdminPage() {
  const textScale = useTextScale()
  usePageTitle('organizer.partners')
  const t = usePackageT(MESSAGES)
  const partners = useOrganizerStore((s) => s.partners)
  const scope = useOrganizerStore((s) => s.scope)
  const communities = useOrganizerStore((s) => s.communities)
  // Secrets issued on this page, by partner: held here only, so they are gone once the page is left or reloaded.
  const [secrets, setSecrets] = useState<Record<string, SecretIssued>>({})
  // no organizer at all: the cloud has no scope for them (or refused the organizer tools)
  const [noOrganizer, setNoOrganizer] = useState(false)
  const page = useAction(t)
  const session = useRequireSession(() => {
    void page.run(async () => {
      const store = useOrganizerStore.getState()
      try {
        await store.load()
      } catch (error) {
        setNoOrganizer(error instanceof CloudCallError && error.code === 'PERMISSION_DENIED')
        throw error
      }
      const { scope: loaded } = useOrganizerStore.getState()
      setNoOrganizer(loaded === undefined)
      if (loaded?.communityId === null) await store.loadPartners()
    })
  })
  if (!session) return <View className='page' />

  const cityOrganizer = scope?.communityId === null
  const cityOnly = noOrganizer || (scope !== undefined && !cityOrganizer)
  const keep = (issued: SecretIssued) => setSecrets((s) => ({ ...s, [issued.partner.id]: issued }))
  const drop = (partnerId: string) => setSecrets(({ [partnerId]: _gone, ...rest }) => rest)
  return (
    <View className='page partners-admin' style={textScale}>
      <ScopeLine scope={scope} communities={communities} t={t} />
      {page.noticeProps ? <Notice {...page.noticeProps} /> : null}
      {cityOnly ? <Notice tone='info' lines={[t('partner.cityOnly')]} /> : null}
      {cityOrganizer ? (
        <View>
          <Text className='muted'>{t('partner.intro')}</Text>
          <RegisterForm onIssued={keep} t={t} />
          <View className='section-title' role='heading' aria-level={2}>
            {t('partner.list')}
          </View>
          {partners.length === 0 ? <Text className='muted'>{t('partner.none')}</Text> : null}
          {partners.map((p) => (
            <PartnerCard key={p.id} partner={p} issued={secrets[p.id]} onIssued={keep} onDismiss={() => drop(p.id)} t={t} />
          ))}
        </View>
      ) : null}
    </View>
  )
}
