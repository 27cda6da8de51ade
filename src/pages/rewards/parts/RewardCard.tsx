import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActionButton } from '@/components/ActionButton'
import { Notice } from '@/components/Notice'
import { pressable } from '@/components/pressable'
import type { Redemption, Reward } from '@/contract/types'
import type { Translate } from '@/i18n'
import { localName, localText } from '@/i18n/localName'
import { selectLang, useAppStore } from '@/store'

export const voucherUrl = (id: string) => `/packages/rewards/pages/voucher/index?id=${encodeURIComponent(id)}`

/** A merchant's place (subpackage): what listRewards gave, in the query, so the page needs no call of its own. */
const placeUrl = (m: NonNullable<Reward['merchant']>) =>
  `/packages/merchant/pages/place/index?${[
    ['name', m.name],
    ['address', m.address],
    ['hours', m.openingHours],
    ['lat', String(m.latitude)],
    ['lng', String(m.longitude)],
  ]
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')}`

interface RewardCardProps {
  reward: Reward
  /** spendable points, when known */
  balance: number | undefined
  confirming: boolean
  busy: boolean
  t: Translate
  onAsk(): void
  onConfirm(): void
  onCancel(): void
}

/** One reward: what it costs, what is left, the resident's own limit; a redeem asks once more before spending. */
export function RewardCard({ reward: r, balance, confirming, busy, t, onAsk, onConfirm, onCancel }: RewardCardProps) {
  const soldOut = r.stock <= 0
  const atLimit = r.myCount >= r.perUserLimit
  const tooDear = balance !== undefined && balance < r.pointsCost
  const lang = useAppStore(selectLang)
  const title = localName(r, lang)
  const description = localText(r.description, r.descriptionEn, lang)
  return (
    <View className='reward card'>
      <Text className='reward__title'>{title}</Text>
      {description ? <Text className='muted'>{description}</Text> : null}
      {r.merchant ? (
        <View className='reward__merchant'>
          <Text>{t('rewards.merchantAt', { name: r.merchant.name, address: r.merchant.address, hours: r.merchant.openingHours })}</Text>
          <ActionButton
            variant='secondary'
            label={t('rewards.merchantMap', { name: r.merchant.name })}
            onClick={() => void Taro.navigateTo({ url: placeUrl(r.merchant!) })}
          />
        </View>
      ) : null}
      <View className='reward__facts'>
        <Text className='reward__cost'>{t('rewards.cost', { points: r.pointsCost })}</Text>
        <Text className='reward__fact'>{soldOut ? t('rewards.soldOut') : t('rewards.stock', { stock: r.stock })}</Text>
        <Text className='reward__fact'>{t('rewards.limit', { mine: r.myCount, limit: r.perUserLimit })}</Text>
      </View>
      {confirming ? (
        <View className='reward__confirm'>
          <Notice tone='info' lines={[t('rewards.confirm', { points: r.pointsCost, title })]} />
          <ActionButton label={t('rewards.confirmTitle')} loading={busy} disabled={busy} onClick={onConfirm} />
          <ActionButton variant='secondary' label={t('me.cancel')} onClick={onCancel} />
        </View>
      ) : (
        <ActionButton label={t('rewards.redeemNamed', { title })} disabled={soldOut || atLimit || tooDear} onClick={onAsk}>
          {t('rewards.redeem')}
        </ActionButton>
      )}
    </View>
  )
}

/** The resident's vouchers, each opening its code. */
export function VoucherList({ redemptions, t }: { redemptions: Redemption[]; t: Translate }) {
  const lang = useAppStore(selectLang)
  return (
    <>
      <View className='section-title'>{t('rewards.myVouchers')}</View>
      {redemptions.length === 0 ? <View className='muted'>{t('voucher.none')}</View> : null}
      <View>
        {redemptions.map((v) => {
          const open = () => Taro.navigateTo({ url: voucherUrl(v.id) })
          const title = localText(v.rewardTitle, v.rewardTitleEn, lang)
          return (
            <View key={v.id} className='voucher-row' role='link' ariaLabel={`${title} ${t(`status.${v.status}`)}`} onClick={open} {...pressable(open)}>
              <Text className='voucher-row__title'>{title}</Text>
              <Text className={`status status--${v.status}`}>{t(`status.${v.status}`)}</Text>
            </View>
          )
        })}
      </View>
    </>
  )
}
