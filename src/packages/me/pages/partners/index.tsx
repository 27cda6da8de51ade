import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActionButton } from '@/components/ActionButton'
import { Notice } from '@/components/Notice'
import { useTextScale } from '@/components/TextScale'
import { useAction } from '@/components/useAction'
import { usePageTitle } from '@/components/usePageTitle'
import { PRIVACY_URL, useRequireSession } from '@/components/useSession'
import { usePackageT } from '@/components/useT'
import { MESSAGES } from '../../messages'
import { usePartnerLinksStore } from '../../partnersStore'
import './index.scss'
import { PartnerRow } from './parts/PartnerParts'

/**
 * The city's partners (transit, bike share, smart bins, merchants…) the resident may link their account at: which
 * they have linked and since when, a one-time link code to give one, and removing a link. Loaded again whenever
 * the page is shown, so coming back from the partner's app shows the new link.
 */
export default function PartnerLinksPage() {
  const textScale = useTextScale()
  usePageTitle('me.partners')
  const t = usePackageT(MESSAGES)
  const partners = usePartnerLinksStore((s) => s.partners)
  const linkCode = usePartnerLinksStore((s) => s.linkCode)
  const { run, noticeProps } = useAction(t)
  const session = useRequireSession(() => {
    void run(() => usePartnerLinksStore.getState().load())
  })
  if (!session) return <View className='page' />

  return (
    <View className='page partner-links' style={textScale}>
      <Text className='muted' id='partners-explain'>
        {t('partners.explain')}
      </Text>
      <ActionButton variant='secondary' label={t('partners.privacy')} onClick={() => void Taro.navigateTo({ url: PRIVACY_URL }).catch(() => undefined)} />
      {noticeProps ? <Notice {...noticeProps} /> : null}
      <View className='section-title' role='heading' aria-level={2}>
        {t('partners.listTitle')}
      </View>
      {partners && partners.length === 0 ? <Text className='muted'>{t('partners.empty')}</Text> : null}
      {partners && partners.length > 0 ? (
        <View role='list'>
          {partners.map((p) => (
            <View key={p.id} role='listitem'>
              <PartnerRow partner={p} code={linkCode?.partner.id === p.id ? linkCode : undefined} t={t} />
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
