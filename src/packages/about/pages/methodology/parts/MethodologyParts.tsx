import { Text, View } from '@tarojs/components'
import type { Methodology } from '@/contract/types'
import { BUD_STAGES } from '@/core/bud'
import { EQUIVALENTS } from '@/core/equivalents'
import { EQUIVALENT_SOURCES } from '@/core/equivalentSources'
import type { Lang, Translate } from '@/i18n'
import { factorLabelKey } from '@/i18n/factors'
import type { MessageKey } from '@/i18n/messages'
import type { PackageKey } from '../../../messages'

type Props = { methodology: Methodology; lang: Lang; t: Translate<MessageKey | PackageKey> }

/** The rules against farming, as the cloud has them in force. */
export function CreditRules({ methodology, lang, t }: Props) {
  if (!methodology.rules) return null
  return (
    <View className='card rules' id='credit-rules'>
      <Text className='factor__name'>{t('method.rulesTitle')}</Text>
      {[
        t('method.ruleBackdate', { hours: methodology.rules.maxBackdateHours }),
        t('method.ruleDuration'),
        t('method.ruleDailyTotal', {
          grams: methodology.rules.dailyTotalGrams,
          basis: lang === 'zh-CN' ? methodology.rules.dailyTotalBasisZh : methodology.rules.dailyTotalBasis,
        }),
        t('method.ruleBurst', {
          count: methodology.rules.stationBurstCount,
          minutes: methodology.rules.stationBurstWindowMin,
          share: Math.round(methodology.rules.nearCapShare * 100),
        }),
        t('method.ruleStation', { share: Math.round(methodology.rules.selfReportedCapShare * 100) }),
        // round 3's rules: a cloud from before them does not send them
        ...(methodology.rules.selfReportedDailyGrams ? [t('method.ruleSelfDaily', { grams: methodology.rules.selfReportedDailyGrams })] : []),
        ...(methodology.rules.residentsPerCodeWindow ? [t('method.ruleSharedCode', { count: methodology.rules.residentsPerCodeWindow })] : []),
        ...(methodology.rules.sceneRepeatWindowMin ? [t('method.ruleSceneRepeat', { minutes: methodology.rules.sceneRepeatWindowMin })] : []),
        t('method.ruleHeld'),
      ].map((line) => (
        <Text key={line} className='factor__text rules__line'>
          {line}
        </Text>
      ))}
    </View>
  )
}

/** One factor: its figure, cap, speed limit, source and the reason for it. */
export function FactorCard({ factor: f, lang, t }: { factor: Methodology['factors'][number]; lang: Lang; t: Props['t'] }) {
  return (
    <View className='card factor' id={`factor-${f.key}`}>
      <View className='factor__head'>
        <Text className='factor__name'>{t(factorLabelKey(f.id))}</Text>
        <Text className='factor__figure'>{t('method.per', { grams: f.gramsPerUnit, unit: f.unit })}</Text>
      </View>
      <Text className='factor__fact'>
        {t('method.cap', { cap: f.dailyCapGrams })}
        {f.maxKmh !== undefined ? ` · ${t('method.speed', { kmh: f.maxKmh })}` : ''}
      </Text>
      <Text className='factor__label'>{t('method.source')}</Text>
      <Text className='factor__text'>
        {lang === 'zh-CN' && f.sourceZh ? `${f.sourceZh}（${f.sourceVersionZh ?? f.sourceVersion}）` : `${f.source} (${f.sourceVersion})`}
      </Text>
      {f.rationale ? (
        <View>
          <Text className='factor__label'>{t('method.why')}</Text>
          {/* A database seeded before the Chinese text existed has only the English one. */}
          <Text className='factor__text'>{lang === 'zh-CN' && f.rationaleZh ? f.rationaleZh : f.rationale}</Text>
        </View>
      ) : null}
    </View>
  )
}

/** Where the everyday equivalents and the bud's stages come from. */
export function EquivalentsBasis({ lang, t }: Omit<Props, 'methodology'>) {
  return (
    <View className='card' id='equivalents-basis'>
      <Text className='factor__name'>{t('method.equivTitle')}</Text>
      {EQUIVALENTS.map((e) => (
        <Text key={e.id} className='factor__text rules__line'>
          {t(`equiv.${e.id}`, { n: 1 })}: {lang === 'zh-CN' ? EQUIVALENT_SOURCES[e.id].sourceZh : EQUIVALENT_SOURCES[e.id].source}
        </Text>
      ))}
      {BUD_STAGES.map((stage) => (
        <Text key={stage.id} className='factor__text rules__line'>
          {t('method.budStage', { stage: t(`bud.stage.${stage.id}`), grams: stage.fromGrams, meaning: lang === 'zh-CN' ? stage.meaningZh : stage.meaning })}
        </Text>
      ))}
    </View>
  )
}

/** Each methodology version and what it changed. */
export function VersionHistory({ methodology, lang, t }: Props) {
  if (!methodology.history) return null
  return (
    <View className='card' id='methodology-versions'>
      <Text className='factor__name'>{t('method.versions')}</Text>
      {methodology.history.map((v) => (
        <Text key={v.version} className='factor__text rules__line'>
          {v.version}: {lang === 'zh-CN' ? v.changesZh : v.changes}
        </Text>
      ))}
    </View>
  )
}
