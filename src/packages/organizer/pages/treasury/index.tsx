import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Choices } from '@/components/Choices'
import { Field } from '@/components/Field'
import { Notice } from '@/components/Notice'
import { ProgressBar } from '@/components/ProgressBar'
import { parseWhole } from '@/components/numberInput'
import { useTextScale } from '@/components/TextScale'
import { useAction } from '@/components/useAction'
import { usePageTitle } from '@/components/usePageTitle'
import { useRequireSession } from '@/components/useSession'
import { usePackageT } from '@/components/useT'
import type { Community, TreasuryView } from '@/contract/types'
import { CITY_PURSE, issuanceLeft, TREASURY_LIMITS } from '@/core/treasury'
import type { Translate } from '@/i18n'
import type { MessageKey } from '@/i18n/messages'
import { CloudCallError } from '@/services/cloud'
import { MESSAGES, type PackageKey } from '../../messages'
import { ScopeLine } from '../../parts/ScopeLine'
import { useOrganizerStore } from '../../store'
import { localName } from '@/i18n/localName'
import { selectLang, useAppStore } from '@/store'

type T = Translate<MessageKey | PackageKey>

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ')

/** Points and a reason as typed, or undefined when either will not do. */
function readMove(pointsText: string, reasonText: string): { points: number; reason: string } | undefined {
  const points = parseWhole(pointsText)
  const reason = reasonText.trim()
  if (!(points >= 1 && points <= TREASURY_LIMITS.maxPoints) || !reason || reason.length > TREASURY_LIMITS.maxReasonChars) return undefined
  return { points, reason }
}

/**
 * The city's treasury: where every point that is not carbon comes from. A city organizer issues points (capped per
 * month) and allocates them to communities' allowances or the city's own budget; a community organizer sees their
 * community's allowance and what was allocated to it.
 */
export default function TreasuryPage() {
  const textScale = useTextScale()
  usePageTitle('organizer.treasury')
  const t = usePackageT(MESSAGES)
  const { treasury, communities, scope } = useOrganizerStore()
  const page = useAction(t)
  const lang = useAppStore(selectLang)
  const session = useRequireSession(() => {
    void page.run(async () => {
      await Promise.all([useOrganizerStore.getState().load(), useOrganizerStore.getState().loadTreasury()])
    })
  })
  if (!session) return <View className='page' />
  const purseName = (communityId: string) => {
    if (communityId === CITY_PURSE) return t('treasury.cityPurse')
    const community = communities.find((c) => c.id === communityId)
    return community ? localName(community, lang) : (treasury?.purses.find((p) => p.communityId === communityId)?.name ?? communityId)
  }

  return (
    <View className='page treasury' style={textScale}>
      <ScopeLine scope={scope} communities={communities} t={t} />
      {page.noticeProps ? <Notice {...page.noticeProps} /> : null}
      {treasury && scope ? (
        scope.communityId === null ? (
          <CityTreasury treasury={treasury} communities={communities} t={t} purseName={purseName} />
        ) : (
          <Allowance treasury={treasury} communityId={scope.communityId} t={t} purseName={purseName} />
        )
      ) : null}
    </View>
  )
}

interface ViewProps {
  treasury: TreasuryView
  t: T
  purseName(communityId: string): string
}

function CityTreasury({ treasury, communities, t, purseName }: ViewProps & { communities: Community[] }) {
  const left = issuanceLeft(treasury.monthlyCapPoints, treasury.monthIssuedPoints)
  const monthLine = t('treasury.monthLine', { month: treasury.month, issued: treasury.monthIssuedPoints, cap: treasury.monthlyCapPoints })
  return (
    <View>
      <View className='card' id='treasury-month'>
        <Text className='card__title'>{monthLine}</Text>
        <ProgressBar value={treasury.monthIssuedPoints} max={treasury.monthlyCapPoints} label={monthLine} />
        <Text className='muted'>{t('treasury.monthLeft', { left })}</Text>
      </View>
      <View className='card'>
        {(
          [
            ['issued', 'treasury.issued', treasury.issuedPoints],
            ['allocated', 'treasury.allocated', treasury.allocatedPoints],
            ['unallocated', 'treasury.unallocated', treasury.unallocatedPoints],
          ] as const
        ).map(([id, key, points]) => (
          <Text key={id} className='treasury__figure' id={`treasury-${id}`}>
            {`${t(key)}：${t('treasury.figure', { points })}`}
          </Text>
        ))}
      </View>
      <IssueForm t={t} />
      <AllocateForm t={t} communities={communities} purseName={purseName} />
      <Purses treasury={treasury} t={t} purseName={purseName} />
      <Moves
        id='treasury-issuances'
        title={t('treasury.issuances')}
        none={t('treasury.none')}
        lines={treasury.issuances.map((i) => ({
          key: i.id,
          text: t('treasury.issuanceLine', { time: when(i.createdAt), points: i.points, reason: i.reason }),
        }))}
      />
      <Allocations treasury={treasury} t={t} purseName={purseName} />
    </View>
  )
}

/** A community organizer's view: their allowance and what was allocated to it. */
function Allowance({ treasury, communityId, t, purseName }: ViewProps & { communityId: string }) {
  const purse = treasury.purses.find((p) => p.communityId === communityId) ?? { communityId, name: '', grantedPoints: 0, spentPoints: 0, leftPoints: 0 }
  return (
    <View>
      <View className='card' id={`purse-${communityId}`}>
        <Text className='card__title'>{t('treasury.myPurse', { name: purseName(communityId) })}</Text>
        <Text>{t('treasury.purseLine', { granted: purse.grantedPoints, spent: purse.spentPoints, left: purse.leftPoints })}</Text>
        <Text className='muted'>{t('treasury.myPurseHint')}</Text>
      </View>
      <Allocations treasury={treasury} t={t} purseName={purseName} />
    </View>
  )
}

function Purses({ treasury, t, purseName }: ViewProps) {
  return (
    <View>
      <View className='section-title' role='heading' aria-level={2}>
        {t('treasury.purses')}
      </View>
      {treasury.purses.length === 0 ? <Text className='muted'>{t('treasury.none')}</Text> : null}
      {treasury.purses.map((p) => {
        const line = t('treasury.purseLine', { granted: p.grantedPoints, spent: p.spentPoints, left: p.leftPoints })
        return (
          <View key={p.communityId} className='card' id={`purse-${p.communityId || 'city'}`}>
            <Text className='card__title'>{purseName(p.communityId)}</Text>
            <Text className='purse__line'>{line}</Text>
            <ProgressBar value={p.spentPoints} max={p.grantedPoints} label={`${purseName(p.communityId)} ${line}`} />
          </View>
        )
      })}
    </View>
  )
}

function Allocations({ treasury, t, purseName }: ViewProps) {
  const lines = treasury.allocations.map((a) => ({
    key: a.id,
    text: t('treasury.allocationLine', { time: when(a.createdAt), name: purseName(a.communityId), points: a.points, reason: a.reason }),
  }))
  return <Moves id='treasury-allocations' title={t('treasury.allocations')} none={t('treasury.none')} lines={lines} />
}

/** A heading and a card with one line per move (issuances, allocations), or a line saying there are none yet. */
function Moves({ id, title, none, lines }: { id: string; title: string; none: string; lines: { key: string; text: string }[] }) {
  return (
    <View>
      <View className='section-title' role='heading' aria-level={2}>
        {title}
      </View>
      <View className='card' id={id}>
        {lines.length === 0 ? <Text className='muted'>{none}</Text> : null}
        {lines.map((l) => (
          <Text key={l.key} className='entry'>
            {l.text}
          </Text>
        ))}
      </View>
    </View>
  )
}

type Explain = (error: CloudCallError, treasury: TreasuryView, move: { points: number; reason: string }) => string | undefined

/**
 * A treasury move's form: its points and reason as typed, checked before sending, cleared once the cloud took it.
 * A refusal the treasury's own figures explain (the cap, too few points) is told with those figures, fetched
 * again, in the organizer's language; any other as the cloud said it.
 */
function useMoveForm(t: T) {
  const [points, setPoints] = useState('')
  const [reason, setReason] = useState('')
  const action = useAction(t)
  function send(work: (move: { points: number; reason: string }) => Promise<string>, explain: Explain) {
    const move = readMove(points, reason)
    if (!move) {
      action.say('error', t('treasury.formError', { max: TREASURY_LIMITS.maxReasonChars }))
      return
    }
    void action.run(async () => {
      try {
        const done = await work(move)
        setPoints('')
        setReason('')
        return done
      } catch (error) {
        if (!(error instanceof CloudCallError)) throw error
        await useOrganizerStore
          .getState()
          .loadTreasury()
          .catch(() => undefined)
        const fresh = useOrganizerStore.getState().treasury
        const text = fresh ? explain(error, fresh, move) : undefined
        if (!text) throw error
        action.say('error', text)
      }
    })
  }
  return { points, setPoints, reason, setReason, action, send }
}

function IssueForm({ t }: { t: T }) {
  const { points, setPoints, reason, setReason, action, send } = useMoveForm(t)
  const issue = () =>
    send(
      async (move) => {
        await useOrganizerStore.getState().issuePoints(move.points, move.reason)
        return t('treasury.issuedDone', { points: move.points })
      },
      (error, fresh) =>
        error.code === 'CONFLICT'
          ? t('treasury.capRefused', {
              cap: fresh.monthlyCapPoints,
              issued: fresh.monthIssuedPoints,
              left: issuanceLeft(fresh.monthlyCapPoints, fresh.monthIssuedPoints),
            })
          : undefined,
    )
  return (
    <View className='card' id='issue-form'>
      <View className='card__title' role='heading' aria-level={2}>
        {t('treasury.issueTitle')}
      </View>
      <Text className='muted'>{t('treasury.issueHint')}</Text>
      <Field id='issue-points' label={t('treasury.points')} type='number' value={points} onInput={setPoints} />
      <Field id='issue-reason' label={t('treasury.reason')} value={reason} onInput={setReason} />
      <ActionButton label={t('treasury.issue')} loading={action.busy} onClick={issue} />
      {action.noticeProps ? <Notice {...action.noticeProps} /> : null}
    </View>
  )
}

function AllocateForm({ t, communities, purseName }: { t: T; communities: Community[]; purseName(communityId: string): string }) {
  const [to, setTo] = useState<string | undefined>()
  const { points, setPoints, reason, setReason, action, send } = useMoveForm(t)
  // a community by default, the first one (the city's own purse is one tap away)
  const purse = to ?? communities[0]?.id ?? CITY_PURSE
  const allocate = () =>
    send(
      async (move) => {
        await useOrganizerStore.getState().allocatePoints(purse, move.points, move.reason)
        return t('treasury.allocatedDone', { name: purseName(purse), points: move.points })
      },
      (error, fresh, move) =>
        error.code === 'INSUFFICIENT_POINTS' ? t('treasury.shortRefused', { left: fresh.unallocatedPoints, points: move.points }) : undefined,
    )
  return (
    <View className='card' id='allocate-form'>
      <View className='card__title' role='heading' aria-level={2}>
        {t('treasury.allocateTitle')}
      </View>
      <Text className='muted'>{t('treasury.allocateHint')}</Text>
      <Text className='field__label'>{t('treasury.to')}</Text>
      <Choices
        label={t('treasury.to')}
        value={purse}
        onChange={setTo}
        options={[...communities.map((c) => ({ value: c.id, text: purseName(c.id) })), { value: CITY_PURSE, text: t('treasury.cityPurse') }]}
      />
      <Field id='allocate-points' label={t('treasury.points')} type='number' value={points} onInput={setPoints} />
      <Field id='allocate-reason' label={t('treasury.reason')} value={reason} onInput={setReason} />
      <ActionButton label={t('treasury.allocate')} loading={action.busy} onClick={allocate} />
      {action.noticeProps ? <Notice {...action.noticeProps} /> : null}
    </View>
  )
}
