import { Text, View } from '@tarojs/components'
import { usePageTitle } from '@/components/usePageTitle'
import { MESSAGES } from '../../messages'
import { useOrganizerStore } from '../../store'
import { useTextScale } from '@/components/TextScale'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { parseWhole } from '@/components/numberInput'
import { Choices } from '@/components/Choices'
import { Field } from '@/components/Field'
import { Notice } from '@/components/Notice'
import { useRequireSession } from '@/components/useSession'
import type { Reward } from '@/contract/types'
import { errorText, usePackageT } from '@/components/useT'

interface Draft {
  id?: string
  title: string
  pointsCost: string
  stock: string
  perUserLimit: string
  validDays: string
  active: 'on' | 'off'
}

const EMPTY: Draft = { title: '', pointsCost: '', stock: '', perUserLimit: '1', validDays: '14', active: 'on' }
const toDraft = (r: Reward): Draft => ({
  id: r.id,
  title: r.title,
  pointsCost: String(r.pointsCost),
  stock: String(r.stock),
  perUserLimit: String(r.perUserLimit),
  validDays: String(r.validDays),
  active: r.active ? 'on' : 'off',
})

export default function RewardsAdminPage() {
  const textScale = useTextScale()
  usePageTitle('organizer.rewards')
  const t = usePackageT(MESSAGES)
  const rewards = useOrganizerStore((s) => s.adminRewards)
  const { loadAdminRewards, saveReward } = useOrganizerStore.getState()
  const [draft, setDraft] = useState<Draft | undefined>()
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | undefined>()
  const session = useRequireSession(() => {
    loadAdminRewards().catch((e) => setNotice({ tone: 'error', text: errorText(t, e) }))
  })
  if (!session) return <View className='page' />

  const set = (field: keyof Draft) => (value: string) => setDraft((d) => (d ? { ...d, [field]: value } : d))

  async function save() {
    if (!draft) return
    const numbers = [parseWhole(draft.pointsCost), parseWhole(draft.stock), parseWhole(draft.perUserLimit), parseWhole(draft.validDays)]
    if (!draft.title.trim() || numbers.some(Number.isNaN) || numbers[0] < 1 || numbers[2] < 1 || numbers[3] < 1) {
      setNotice({ tone: 'error', text: t('organizer.fieldError') })
      return
    }
    try {
      await saveReward({
        ...(draft.id ? { id: draft.id } : {}),
        title: draft.title.trim(),
        pointsCost: numbers[0],
        stock: numbers[1],
        perUserLimit: numbers[2],
        validDays: numbers[3],
        active: draft.active === 'on',
      })
      setDraft(undefined)
      setNotice({ tone: 'success', text: t('organizer.saved') })
    } catch (e) {
      setNotice({ tone: 'error', text: errorText(t, e) })
    }
  }

  return (
    <View className='page rewards-admin' style={textScale}>
      {notice ? <Notice tone={notice.tone} lines={[notice.text]} /> : null}
      {draft ? (
        <View className='card'>
          <Field id='reward-title' label={t('organizer.fieldTitle')} value={draft.title} onInput={set('title')} />
          <Field id='reward-cost' label={t('organizer.fieldCost')} type='number' value={draft.pointsCost} onInput={set('pointsCost')} />
          <Field id='reward-stock' label={t('organizer.fieldStock')} type='number' value={draft.stock} onInput={set('stock')} />
          <Field id='reward-limit' label={t('organizer.fieldLimit')} type='number' value={draft.perUserLimit} onInput={set('perUserLimit')} />
          <Field id='reward-days' label={t('organizer.fieldDays')} type='number' value={draft.validDays} onInput={set('validDays')} />
          <Choices<'on' | 'off'>
            label={t('organizer.toggleActive')}
            value={draft.active}
            onChange={(v) => set('active')(v)}
            options={[
              { value: 'on', text: t('organizer.active') },
              { value: 'off', text: t('organizer.inactive') },
            ]}
          />
          <ActionButton label={t('organizer.save')} onClick={save} />
          <ActionButton variant='secondary' label={t('me.cancel')} onClick={() => setDraft(undefined)} />
        </View>
      ) : (
        <ActionButton label={t('organizer.newReward')} onClick={() => setDraft({ ...EMPTY })} />
      )}
      {rewards.map((r) => (
        <View key={r.id} className='card'>
          <Text className='reward__title'>{r.title}</Text>
          <Text className='reward__fact'>
            {t('rewards.cost', { points: r.pointsCost })} · {t('rewards.stock', { stock: r.stock })} ·{' '}
            {r.active ? t('organizer.active') : t('organizer.inactive')}
          </Text>
          <ActionButton variant='secondary' label={`${t('organizer.edit')} ${r.title}`} onClick={() => setDraft(toDraft(r))}>
            {t('organizer.edit')}
          </ActionButton>
        </View>
      ))}
    </View>
  )
}
