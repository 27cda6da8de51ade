import { MESSAGES } from '../../messages'
import { useTextScale } from '@/components/TextScale'
import { Text, View } from '@tarojs/components'
import { Notice } from '@/components/Notice'
import { useRequireSession } from '@/components/useSession'
import { errorText, usePackageT } from '@/components/useT'
import { selectLang, selectMethodology, selectPageLoadError, useAppStore } from '@/store'
import './index.scss'
import { usePageTitle } from '@/components/usePageTitle'
import { CreditRules, EquivalentsBasis, FactorCard, VersionHistory } from './parts/MethodologyParts'

const selectLoadError = selectPageLoadError('methodology')

/** What the city schemes never publish: every factor, its figure, cap, source and reason. */
export default function MethodologyPage() {
  const textScale = useTextScale()
  usePageTitle('title.methodology')
  const t = usePackageT(MESSAGES)
  const methodology = useAppStore(selectMethodology)
  const lang = useAppStore(selectLang)
  const error = useAppStore(selectLoadError)
  const loadMethodology = useAppStore((s) => s.loadMethodology)
  const session = useRequireSession(() => {
    loadMethodology()
  })
  if (!session) return <View className='page' />
  if (error && !methodology)
    return (
      <View className='page'>
        <Notice tone='error' lines={[errorText(t, error)]} />
      </View>
    )
  if (!methodology) return <View className='page muted'>{t('common.loading')}</View>

  return (
    <View className='page methodology' style={textScale}>
      <Text className='page-title'>{t('method.title', { version: methodology.version })}</Text>
      <Text className='muted'>{t('method.intro', { gramsPerPoint: methodology.gramsPerPoint })}</Text>
      <CreditRules methodology={methodology} lang={lang} t={t} />
      {methodology.factors.map((f) => (
        <FactorCard key={f.id} factor={f} lang={lang} t={t} />
      ))}
      <EquivalentsBasis lang={lang} t={t} />
      <VersionHistory methodology={methodology} lang={lang} t={t} />
    </View>
  )
}
