import { Text, View } from '@tarojs/components'
import { pressable } from '@/components/pressable'
import { useTextScale } from '@/components/TextScale'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Notice } from '@/components/Notice'
import { ProjectCard } from '@/components/ProjectCard'
import { useRequireSession } from '@/components/useSession'
import type { Reward } from '@/contract/types'
import { errorText, useT } from '@/components/useT'
import { selectProjects, selectRedemptions, selectRewards, selectWalletView, useAppStore } from '@/store'
import './index.scss'
import { spendablePoints } from '@/core/review'
import { usePageTitle } from '@/components/usePageTitle'

export const voucherUrl = (id: string) => `/packages/rewards/pages/voucher/index?id=${encodeURIComponent(id)}`
export const certificateUrl = (entryId: string) => `/packages/rewards/pages/certificate/index?entryId=${encodeURIComponent(entryId)}`

export default function RewardsPage() {
  const textScale = useTextScale()
  usePageTitle('title.rewards', { tabPage: true })
  const t = useT()
  const rewards = useAppStore(selectRewards)
  const loaded = useAppStore((s) => s.rewardsLoaded)
  const redemptions = useAppStore(selectRedemptions)
  const view = useAppStore(selectWalletView)
  const projects = useAppStore(selectProjects)
  const { loadRewards, loadRedemptions, refreshWallet, redeemReward, loadProjects, donatePoints } = useAppStore.getState()
  const [confirming, setConfirming] = useState<Reward | undefined>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>()

  const session = useRequireSession(() => {
    setError(undefined)
    Promise.all([loadRewards(), loadRedemptions(), refreshWallet(), loadProjects()]).catch((e) => setError(errorText(t, e)))
  })
  if (!session) return <View className='page' />

  // Points held for review are in the balance but cannot be spent: offer only what can.
  const balance = view ? spendablePoints(view.wallet) : undefined
  async function confirm(reward: Reward) {
    setBusy(true)
    setError(undefined)
    try {
      const redemption = await redeemReward(reward.id)
      setConfirming(undefined)
      await Taro.navigateTo({ url: voucherUrl(redemption.id) })
    } catch (e) {
      setError(errorText(t, e))
    } finally {
      setBusy(false)
    }
  }

  async function donate(projectId: string, points: number) {
    setBusy(true)
    setError(undefined)
    try {
      const entryId = await donatePoints(projectId, points)
      await Taro.navigateTo({ url: certificateUrl(entryId) })
    } catch (e) {
      setError(errorText(t, e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='page rewards' style={textScale}>
      {balance !== undefined ? (
        <View className='rewards__balance'>
          <Text>{t('home.balance')}</Text>
          <Text className='rewards__balance-value'>{balance}</Text>
        </View>
      ) : null}
      {error ? <Notice tone='error' lines={[error]} /> : null}
      {!loaded ? <View className='muted'>{t('common.loading')}</View> : null}
      {loaded && rewards.length === 0 ? <View className='muted'>{t('rewards.emptyHint')}</View> : null}
      {rewards.map((r) => {
        const soldOut = r.stock <= 0
        const atLimit = r.myCount >= r.perUserLimit
        const tooDear = balance !== undefined && balance < r.pointsCost
        return (
          <View key={r.id} className='reward card'>
            <Text className='reward__title'>{r.title}</Text>
            {r.description ? <Text className='muted'>{r.description}</Text> : null}
            <View className='reward__facts'>
              <Text className='reward__cost'>{t('rewards.cost', { points: r.pointsCost })}</Text>
              <Text className='reward__fact'>{soldOut ? t('rewards.soldOut') : t('rewards.stock', { stock: r.stock })}</Text>
              <Text className='reward__fact'>{t('rewards.limit', { mine: r.myCount, limit: r.perUserLimit })}</Text>
            </View>
            {confirming?.id === r.id ? (
              <View className='reward__confirm'>
                <Notice tone='info' lines={[t('rewards.confirm', { points: r.pointsCost, title: r.title })]} />
                <ActionButton label={t('rewards.confirmTitle')} loading={busy} disabled={busy} onClick={() => confirm(r)} />
                <ActionButton variant='secondary' label={t('me.cancel')} onClick={() => setConfirming(undefined)} />
              </View>
            ) : (
              <ActionButton
                label={t('rewards.redeemNamed', { title: r.title })}
                disabled={soldOut || atLimit || tooDear}
                onClick={() => setConfirming(r)}
              >
                {t('rewards.redeem')}
              </ActionButton>
            )}
          </View>
        )
      })}
      {projects.length > 0 ? <View className='section-title'>{t('projects.title')}</View> : null}
      {projects.map((p) => (
        <ProjectCard key={p.id} project={p} balance={balance} busy={busy} t={t} onDonate={(points) => donate(p.id, points)} />
      ))}
      <View className='section-title'>{t('rewards.myVouchers')}</View>
      {redemptions.length === 0 ? <View className='muted'>{t('voucher.none')}</View> : null}
      <View>
        {redemptions.map((v) => (
          <View
            key={v.id}
            className='voucher-row'
            role='link'
            ariaLabel={`${v.rewardTitle} ${t(`status.${v.status}`)}`}
            onClick={() => Taro.navigateTo({ url: voucherUrl(v.id) })}
            {...pressable(() => Taro.navigateTo({ url: voucherUrl(v.id) }))}
          >
            <Text className='voucher-row__title'>{v.rewardTitle}</Text>
            <Text className={`status status--${v.status}`}>{t(`status.${v.status}`)}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
