import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Field } from '@/components/Field'
import { Notice } from '@/components/Notice'
import { useAction } from '@/components/useAction'
import type { MessageKey, Translate } from '@/i18n'
import type { SubpackageRefusalKey } from '@/i18n/subpackageRefusals'
import { fenFromYuanText, yuanText } from '@/core/merchants'
import type { PackageKey } from '../../../messages'
import { useMerchantStore } from '../../../store'

/** The merchant's offers and a form to stock one more (its staff, or the organizer who registered it). */
type T = Translate<MessageKey | PackageKey | SubpackageRefusalKey>

export function Offers({ merchantId, t }: { merchantId: string; t: T }) {
  const offers = useMerchantStore((s) => s.offers)
  const [title, setTitle] = useState('')
  const [points, setPoints] = useState('')
  const [stock, setStock] = useState('')
  const [subsidy, setSubsidy] = useState('0')
  const action = useAction(t)
  const add = () => {
    const pointsCost = Number(points)
    const count = Number(stock)
    const subsidyFen = fenFromYuanText(subsidy)
    if (!title.trim() || !Number.isSafeInteger(pointsCost) || pointsCost < 1 || !Number.isSafeInteger(count) || count < 0 || subsidyFen === undefined) {
      return action.say('error', t('merchant.offerFormError'))
    }
    return action.run(async () => {
      const reward = await useMerchantStore.getState().saveOffer({ merchantId, title: title.trim(), pointsCost, stock: count, subsidyFen })
      setTitle('')
      setPoints('')
      setStock('')
      return t('merchant.offerAdded', { title: reward.title })
    })
  }
  return (
    <View>
      <View className='section-title' role='heading' aria-level={2}>
        {t('merchant.offers')}
      </View>
      {offers && offers.length === 0 ? <Text className='muted'>{t('merchant.noOffers')}</Text> : null}
      <View role='list'>
        {(offers ?? []).map((o) => (
          <View key={o.id} role='listitem' className={o.active ? '' : 'muted'}>
            {o.active
              ? t('merchant.offerLine', { title: o.title, points: o.pointsCost, stock: o.stock, yuan: yuanText(o.subsidyFen ?? 0) })
              : t('merchant.offerInactive', { title: o.title })}
          </View>
        ))}
      </View>
      {action.noticeProps ? <Notice {...action.noticeProps} /> : null}
      <Field id='offer-title' label={t('merchant.offerTitle')} value={title} onInput={setTitle} />
      <Field id='offer-points' type='number' label={t('merchant.offerPoints')} value={points} onInput={setPoints} />
      <Field id='offer-stock' type='number' label={t('merchant.offerStock')} value={stock} onInput={setStock} />
      <Field id='offer-subsidy' type='digit' label={t('merchant.offerSubsidy')} value={subsidy} onInput={setSubsidy} />
      <ActionButton label={t('merchant.offerAdd')} loading={action.busy} disabled={action.busy} onClick={() => void add()} />
    </View>
  )
}
