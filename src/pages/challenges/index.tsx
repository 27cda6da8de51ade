import { Button, Text, View } from '@tarojs/components'
import { useTextScale } from '../../components/TextScale'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '../../components/ActionButton'
import { ChallengeCard } from '../../components/ChallengeCard'
import { Choices } from '../../components/Choices'
import { Field } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { useRequireSession } from '../../components/useSession'
import { CHALLENGE_METRICS, type ChallengeMetric } from '../../contract/constants'
import { addDays, shanghaiDay } from '../../core/time'
import type { MessageKey } from '../../i18n/messages'
import { errorText, useT } from '../../i18n/useT'
import { useAppStore } from '../../store'
import { usePageTitle } from '../../components/usePageTitle'

export default function ChallengesPage() {
  const textScale = useTextScale()
  usePageTitle('title.challenges', { tabPage: true })
  const t = useT()
  const groups = useAppStore((s) => s.groups)
  const challenges = useAppStore((s) => s.challenges)
  const { loadCommunity, createGroup, joinGroup, rotateInvite, createChallenge, joinChallenge } = useAppStore.getState()
  const [groupName, setGroupName] = useState('')
  // Opened from a shared card: the invite code arrives in the page's query (a tab opened directly has none).
  const [invite, setInvite] = useState(useRouter()?.params?.invite ?? '')
  useShareAppMessage((res) => {
    const target = res.target as { dataset?: { code?: string; name?: string } } | undefined
    const code = target?.dataset?.code
    return code
      ? { title: `${t('ch.joinGroup')}「${target?.dataset?.name ?? ''}」`, path: `/pages/challenges/index?invite=${code}` }
      : { title: t('tab.challenges'), path: '/pages/challenges/index' }
  })
  const [form, setForm] = useState({ title: '', metric: 'gramsCo2e' as ChallengeMetric, target: '', days: '7', bonus: '50' })
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | undefined>()
  const session = useRequireSession(() => {
    loadCommunity().catch((e) => setNotice({ tone: 'error', text: errorText(t, e) }))
  })
  if (!session) return <View className='page' />

  const run = async (work: () => Promise<unknown>, success?: string) => {
    setNotice(undefined)
    try {
      await work()
      if (success) setNotice({ tone: 'success', text: success })
    } catch (e) {
      setNotice({ tone: 'error', text: errorText(t, e) })
    }
  }
  const led = groups.filter((g) => g.isLeader)

  function submitChallenge(groupId: string) {
    const target = Number(form.target)
    const days = Number(form.days)
    const bonus = Number(form.bonus)
    if (!form.title.trim() || !(target > 0) || !Number.isInteger(days) || days < 1 || !Number.isInteger(bonus) || bonus < 1) {
      setNotice({ tone: 'error', text: t('ch.formError') })
      return
    }
    const today = shanghaiDay(Date.now())
    run(
      () =>
        createChallenge({
          groupId,
          title: form.title.trim(),
          metric: form.metric,
          ...(form.metric === 'travelKm' ? { mode: 'bike' as const } : {}),
          targetPerMember: target,
          startDay: today,
          endDay: addDays(today, days - 1),
          bonusPoints: bonus,
        }),
      t('ch.created'),
    )
  }

  return (
    <View className='page challenges' style={textScale}>
      {notice ? <Notice tone={notice.tone} lines={[notice.text]} /> : null}
      <View className='section-title'>{t('ch.mine')}</View>
      {challenges.mine.length === 0 ? <View className='muted'>{t('ch.emptyHint')}</View> : null}
      {challenges.mine.map((c) => (
        <ChallengeCard key={c.id} challenge={c} t={t} />
      ))}
      <View className='section-title'>{t('ch.open')}</View>
      {challenges.open.length === 0 ? <View className='muted'>{t('ch.none')}</View> : null}
      {challenges.open.map((c) => (
        <ChallengeCard key={c.id} challenge={c} t={t} onJoin={() => run(() => joinChallenge(c.id))} />
      ))}

      <View className='section-title'>{t('ch.myGroups')}</View>
      {groups.length === 0 ? <View className='muted'>{t('ch.noGroups')}</View> : null}
      {groups.map((g) => (
        <View key={g.id} className='card'>
          <Text className='reward__title'>{g.name}</Text>
          <Text className='reward__fact'>
            {t('ch.members', { count: g.members.length })}
            {g.isLeader ? ` · ${t('ch.leader')}` : ''}
          </Text>
          {g.inviteCode ? (
            <View>
              <Text className='voucher__code' id={`invite-${g.id}`} userSelect>
                {g.inviteCode}
              </Text>
              <ActionButton
                variant='secondary'
                label={t('ch.copyInvite')}
                onClick={() => run(() => Taro.setClipboardData({ data: g.inviteCode ?? '' }), t('ch.copied'))}
              />
              {process.env.TARO_ENV === 'weapp' ? (
                <Button className='secondary-button' openType='share' data-code={g.inviteCode} data-name={g.name} ariaLabel={t('ch.shareInvite')}>
                  {t('ch.shareInvite')}
                </Button>
              ) : null}
              <ActionButton variant='secondary' label={t('ch.rotate')} onClick={() => run(() => rotateInvite(g.id))} />
            </View>
          ) : null}
        </View>
      ))}
      <Field id='group-name' label={t('ch.groupName')} value={groupName} onInput={setGroupName} />
      <ActionButton
        variant='secondary'
        label={t('ch.createGroup')}
        disabled={!groupName.trim()}
        onClick={() => run(async () => {
          await createGroup(groupName.trim())
          setGroupName('')
        })}
      />
      <Field id='invite-code' label={t('ch.inviteCode')} value={invite} onInput={setInvite} />
      <ActionButton
        variant='secondary'
        label={t('ch.joinGroup')}
        disabled={!invite.trim()}
        onClick={() => run(async () => {
          await joinGroup(invite)
          setInvite('')
        })}
      />

      {led.length > 0 ? (
        <View className='card'>
          <Text className='reward__title'>{t('ch.create')}</Text>
          <Field id='ch-title' label={t('ch.title')} value={form.title} onInput={(v) => setForm({ ...form, title: v })} />
          <Choices<ChallengeMetric>
            label={t('ch.metric')}
            value={form.metric}
            onChange={(metric) => setForm({ ...form, metric })}
            options={CHALLENGE_METRICS.map((m) => ({ value: m, text: t(`metric.${m}` as MessageKey) }))}
          />
          <Field id='ch-target' type='digit' label={`${t('ch.target')} (${t(`unit.${form.metric}` as MessageKey)})`} value={form.target} onInput={(v) => setForm({ ...form, target: v })} />
          <Field id='ch-days' type='number' label={t('ch.days')} value={form.days} onInput={(v) => setForm({ ...form, days: v })} />
          <Field id='ch-bonus' type='number' label={t('ch.bonusField')} hint={t('ch.bonusHint')} value={form.bonus} onInput={(v) => setForm({ ...form, bonus: v })} />
          {led.map((g) => (
            <ActionButton key={g.id} label={`${t('ch.createSubmit')} · ${g.name}`} onClick={() => submitChallenge(g.id)} />
          ))}
        </View>
      ) : null}

      {challenges.finished.length > 0 ? <View className='section-title'>{t('ch.finished')}</View> : null}
      {challenges.finished.map((c) => (
        <ChallengeCard key={c.id} challenge={c} t={t} />
      ))}
    </View>
  )
}
