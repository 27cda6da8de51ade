import { Text, View } from '@tarojs/components'
import { useTextScale } from '@/components/TextScale'
import { Notice } from '@/components/Notice'
import { useRequireSession } from '@/components/useSession'
import { BRAND } from '@/branding/brand'
import { errorText, useT } from '@/components/useT'
import { selectLang, selectMethodology, selectPageLoadError, selectPageLoading, selectQueue, selectWalletView, useAppStore } from '@/store'
import './index.scss'
import { usePageTitle } from '@/components/usePageTitle'
import { GreenBud } from '@/components/GreenBud'
import { Equivalents } from '@/components/Equivalents'
import { WalletCard } from './parts/WalletCard'
import { CommunityHint, EntryCards, FirstStep, MethodologyLink } from './parts/HomeLinks'
import { PendingQueue, RefusedCheckIns, StepsSync, TodayCaps } from './parts/HomeCards'

const selectLoading = selectPageLoading('home')
const selectError = selectPageLoadError('home')

export default function HomePage() {
  const textScale = useTextScale()
  usePageTitle(BRAND.name, { tabPage: true })
  const t = useT()
  const view = useAppStore(selectWalletView)
  const fresh = useAppStore((s) => s.walletFresh)
  const queue = useAppStore(selectQueue)
  const refused = useAppStore((s) => s.refused)
  const dismissRefused = useAppStore((s) => s.dismissRefused)
  const methodology = useAppStore(selectMethodology)
  const lang = useAppStore(selectLang)
  const loading = useAppStore(selectLoading)
  const error = useAppStore(selectError)
  const loadHome = useAppStore((s) => s.loadHome)
  const session = useRequireSession(() => {
    loadHome()
  })
  if (!session) return <View className='page' />

  return (
    <View className='page home' style={textScale}>
      <Text className='home__welcome'>{BRAND.welcome[lang]}</Text>
      <WalletCard view={view} fresh={fresh} t={t} />
      {view ? <GreenBud totalGrams={view.wallet.gramsCo2eTotal} t={t} lang={lang} /> : null}
      {view ? <Equivalents gramsCo2e={view.wallet.gramsCo2eTotal} t={t} id='home-equivalents' /> : null}
      {view && view.wallet.gramsCo2eTotal === 0 && queue.length === 0 ? <FirstStep t={t} /> : null}
      {error ? <Notice tone='error' lines={[errorText(t, error)]} /> : null}
      {refused.length > 0 ? <RefusedCheckIns refused={refused} t={t} onDismiss={dismissRefused} /> : null}
      {queue.length > 0 ? <PendingQueue queue={queue} t={t} sending={loading} onSend={() => (loading ? undefined : loadHome())} /> : null}
      <CommunityHint t={t} />
      <EntryCards t={t} />
      <StepsSync t={t} />
      {view && fresh && methodology && view.todayByFactor.length > 0 ? <TodayCaps view={view} methodology={methodology} t={t} /> : null}
      <MethodologyLink t={t} />
    </View>
  )
}
