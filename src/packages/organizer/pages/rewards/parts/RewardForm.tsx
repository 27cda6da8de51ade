import { View } from '@tarojs/components'
import { ActionButton } from '@/components/ActionButton'
import { parseWhole } from '@/components/numberInput'
import { Choices } from '@/components/Choices'
import { Field } from '@/components/Field'
import type { Action } from '@/components/useAction'
import type { Reward } from '@/contract/types'
import type { Translate } from '@/i18n'
import type { MessageKey } from '@/i18n/messages'
import type { PackageKey } from '../../../messages'
import { useOrganizerStore } from '../../../store'

export interface Draft {
  id?: string
  title: string
  titleEn: string
  pointsCost: string
  stock: string
  /** the stock the form showed when opened: the cloud keeps units redeemed since (contract `stockWas`) */
  stockWas?: number
  perUserLimit: string
  validDays: string
  active: 'on' | 'off'
}

export const EMPTY: Draft = { title: '', titleEn: '', pointsCost: '', stock: '', perUserLimit: '1', validDays: '14', active: 'on' }
export const toDraft = (r: Reward): Draft => ({
  id: r.id,
  title: r.title,
  titleEn: r.titleEn ?? '',
  pointsCost: String(r.pointsCost),
  stock: String(r.stock),
  stockWas: r.stock,
  perUserLimit: String(r.perUserLimit),
  validDays: String(r.validDays),
  active: r.active ? 'on' : 'off',
})

interface RewardFormProps {
  draft: Draft
  setDraft(update: (d: Draft | undefined) => Draft | undefined): void
  action: Action
  t: Translate<MessageKey | PackageKey>
}

/** A reward's title, cost, stock, per-person limit and voucher lifetime, checked as whole numbers before saving. */
export function RewardForm({ draft, setDraft, action: { run, say }, t }: RewardFormProps) {
  const set = (field: keyof Draft) => (value: string) => setDraft((d) => (d ? { ...d, [field]: value } : d))
  function save() {
    const numbers = [parseWhole(draft.pointsCost), parseWhole(draft.stock), parseWhole(draft.perUserLimit), parseWhole(draft.validDays)]
    if (!draft.title.trim() || numbers.some(Number.isNaN) || numbers[0] < 1 || numbers[2] < 1 || numbers[3] < 1) {
      say('error', t('organizer.fieldError'))
      return
    }
    void run(async () => {
      await useOrganizerStore.getState().saveReward({
        ...(draft.id ? { id: draft.id } : {}),
        title: draft.title.trim(),
        // sent even when empty: '' clears an English name the organizer deleted
        titleEn: draft.titleEn.trim(),
        pointsCost: numbers[0],
        stock: numbers[1],
        ...(draft.stockWas !== undefined ? { stockWas: draft.stockWas } : {}),
        perUserLimit: numbers[2],
        validDays: numbers[3],
        active: draft.active === 'on',
      })
      setDraft(() => undefined)
      return t('organizer.saved')
    })
  }
  return (
    <View className='card'>
      <Field id='reward-title' label={t('organizer.fieldTitle')} hint={t('organizer.nameZhHint')} value={draft.title} onInput={set('title')} />
      <Field id='reward-title-en' label={t('organizer.fieldTitleEn')} value={draft.titleEn} onInput={set('titleEn')} />
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
      <ActionButton variant='secondary' label={t('me.cancel')} onClick={() => setDraft(() => undefined)} />
    </View>
  )
}
