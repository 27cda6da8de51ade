import { Text, View } from '@tarojs/components'
import { ProgressBar } from '@/components/ProgressBar'
import type { CityDashboard } from '@/contract/types'
import { PUBLIC_MIN_RESIDENTS, weekChangePercent } from '@/core/community'
import { evidenceShares } from '@/core/evidence'
import { formatKg, type Translate } from '@/i18n'
import type { MessageKey } from '@/i18n/messages'
import type { PackageKey } from '../../../messages'

type Props = { board: CityDashboard; t: Translate<MessageKey | PackageKey> }

/** Residents, the total, and this week against the last. */
export function CityFigures({ board, t }: Props) {
  const change = weekChangePercent(board.thisWeek.gramsCo2e, board.lastWeek.gramsCo2e)
  return (
    <>
      <View className='city__figures'>
        <View className='city__figure card' id='city-residents'>
          <Text className='city__label'>{t('city.residents')}</Text>
          <Text className='city__value'>{board.residents}</Text>
        </View>
        <View className='city__figure card' id='city-total'>
          <Text className='city__label'>{t('city.total')}</Text>
          <Text className='city__value'>{formatKg(board.gramsCo2eTotal)} kg</Text>
        </View>
      </View>
      <View className='card' id='city-week'>
        <Text className='city__label'>{t('city.thisWeek')}</Text>
        <Text className='city__value'>{formatKg(board.thisWeek.gramsCo2e)} kg</Text>
        <Text className='muted'>
          {t('city.lastWeek', { kg: formatKg(board.lastWeek.gramsCo2e) })}
          {change === null ? '' : ` · ${t('city.change', { sign: change > 0 ? '+' : '', percent: change })}`}
        </Text>
      </View>
    </>
  )
}

/** Each community large enough to show alone, and the smaller ones together, on one scale. */
export function CommunityBoard({ board, t }: Props) {
  const others = board.otherCommunities
  const maxCommunityGrams = Math.max(1, ...board.communities.map((c) => c.gramsCo2eTotal), others?.gramsCo2eTotal ?? 0)
  const othersLine = others
    ? t('city.communityLine', { residents: others.residents, kg: formatKg(others.gramsCo2eTotal), weekKg: formatKg(others.thisWeekGrams) })
    : ''
  return (
    <>
      <View className='section-title' role='heading' aria-level={2}>
        {t('city.communities')}
      </View>
      {board.communities.length === 0 && !others ? <Text className='muted'>{t('city.noCommunities')}</Text> : null}
      {board.communities.map((c) => {
        const line = t('city.communityLine', { residents: c.residents, kg: formatKg(c.gramsCo2eTotal), weekKg: formatKg(c.thisWeekGrams) })
        return (
          <View key={c.id} className='card city__community' id={`city-community-${c.id}`}>
            <Text className='card__title'>{c.name}</Text>
            <Text className='muted'>{line}</Text>
            <ProgressBar value={c.gramsCo2eTotal} max={maxCommunityGrams} label={`${c.name} ${line}`} />
          </View>
        )
      })}
      {others ? (
        <View className='card city__community' id='city-community-others'>
          <Text className='card__title'>{t('city.others')}</Text>
          <Text className='muted'>{t('city.othersCount', { count: others.communities, min: PUBLIC_MIN_RESIDENTS })}</Text>
          <Text className='muted'>{othersLine}</Text>
          <ProgressBar value={others.gramsCo2eTotal} max={maxCommunityGrams} label={`${t('city.others')} ${othersLine}`} />
        </View>
      ) : null}
    </>
  )
}

/** A titled card of labelled bars, one a row, each bar read out by its own line. */
function BarCard({
  id,
  title,
  hint,
  rows,
  max,
}: {
  id: string
  title: string
  hint: string
  rows: { key: string; line: string; value: number }[]
  max: number
}) {
  return (
    <View>
      <View className='section-title' role='heading' aria-level={2}>
        {title}
      </View>
      <View className='card' id={id}>
        <Text className='muted'>{hint}</Text>
        {rows.map((r) => (
          <View key={r.key} className='city__month' id={`${id}-${r.key}`}>
            <Text className='city__month-label'>{r.line}</Text>
            <ProgressBar value={r.value} max={max} label={r.line} />
          </View>
        ))}
      </View>
    </View>
  )
}

/** Points issued month by month: what the city's treasury put into circulation. */
export function IssuanceChart({ board, t }: Props) {
  const issuance = board.issuance ?? []
  if (issuance.length === 0) return null
  const rows = issuance.map((m) => ({ key: m.month, line: t('city.issuanceLine', { month: m.month, points: m.points }), value: m.points }))
  return <BarCard id='city-issuance' title={t('city.issuance')} hint={t('city.issuanceHint')} rows={rows} max={Math.max(1, ...issuance.map((m) => m.points))} />
}

/** How the city's grams were proven, strongest first: what an operator or a scale reported down to the resident's own word. */
export function EvidenceShare({ board, t }: Props) {
  const levels = evidenceShares(board.evidence ?? [])
  if (levels.length === 0) return null
  const rows = levels.map((l) => ({
    key: l.level,
    line: t('city.evidenceLine', { level: t(`city.evidence.${l.level}`), percent: l.percent, kg: formatKg(Math.max(0, l.gramsCo2e)) }),
    value: l.percent,
  }))
  return <BarCard id='city-evidence' title={t('city.evidence')} hint={t('city.evidenceHint')} rows={rows} max={100} />
}

/**
 * Public-good projects and what residents have given to them. Names on this public page, as on certificates,
 * are the Chinese ones in either language (issue 23): the names the city registered, read alike by everyone.
 */
export function ProjectsBoard({ board, t }: Props) {
  return (
    <>
      <View className='section-title' role='heading' aria-level={2}>
        {t('city.projects')}
      </View>
      {board.projects.map((p) => {
        const line = t('city.projectLine', { raised: p.raisedPoints, goal: p.goalPoints, donors: p.donors })
        return (
          <View key={p.id} className='card' id={`city-project-${p.id}`}>
            <Text className='card__title'>{p.title}</Text>
            <Text className='muted'>{line}</Text>
            <ProgressBar value={p.raisedPoints} max={p.goalPoints} label={`${p.title} ${line}`} />
          </View>
        )
      })}
    </>
  )
}
