import { Text, View } from '@tarojs/components'
import { useTextScale } from '@/components/TextScale'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Notice } from '@/components/Notice'
import { ProjectCard } from '@/components/ProjectCard'
import { useAction } from '@/components/useAction'
import { useRequireSession } from '@/components/useSession'
import type { Reward } from '@/contract/types'
import { errorText, useT } from '@/components/useT'
import { selectPageLoadError, selectProjects, selectRedemptions, selectRewards, selectWalletView, useAppStore } from '@/store'
import './index.scss'
import { spendablePoints } from '@/core/points'
import { usePageTitle } from '@/components/usePageTitle'
import { RewardCard, VoucherList, voucherUrl } from './parts/RewardCard'

export { voucherUrl }
export const certificateUrl = (entryId: string) => `/packages/rewards/pages/certificate/index?entryId=${encodeURIComponent(entryId)}`

const selectLoadError = selectPageLoadError('rewards')

export default function RewardsPage() {
  const textScale = useTextScale()
  usePageTitle('title.rewards', { tabPage: true })
  const t = useT()
  const rewards = useAppStore(selectRewards)
  const loaded = useAppStore((s) => s.rewardsLoaded)
  const redemptions = useAppStore(selectRedemptions)
  const view = useAppStore(selectWalletView)
  const projects = useAppStore(selectProjects)
  const loadError = useAppStore(selectLoadError)
  const { loadRewardsPage, redeemReward, donatePoints } = useAppStore.getState()
  const [confirming, setConfirming] = useState<Reward | undefined>()
  const { run, busy, noticeProps } = useAction(t)

  const session = useRequireSession(() => {
    loadRewardsPage()
  })
  if (!session) return <View className='page' />

  // Points held for review are in the balance but cannot be spent: offer only what can.
  const balance = view ? spendablePoints(view.wallet) : undefined
  const confirm = (reward: Reward) =>
    run(async () => {
      const redemption = await redeemReward(reward.id)
      setConfirming(undefined)
      await Taro.navigateTo({ url: voucherUrl(redemption.id) })
    })
  const donate = (projectId: string, points: number) =>
    run(async () => {
      const entryId = await donatePoints(projectId, points)
      await Taro.navigateTo({ url: certificateUrl(entryId) })
    })

  return (
    <View className='page rewards' style={textScale}>
      {balance !== undefined ? (
        <View className='rewards__balance'>
          <Text>{t('home.balance')}</Text>
          <Text className='rewards__balance-value'>{balance}</Text>
        </View>
      ) : null}
      {noticeProps ? <Notice {...noticeProps} /> : loadError ? <Notice tone='error' lines={[errorText(t, loadError)]} /> : null}
      {!loaded ? <View className='muted'>{t('common.loading')}</View> : null}
      {loaded && rewards.length === 0 ? <View className='muted'>{t('rewards.emptyHint')}</View> : null}
      {rewards.map((r) => (
        <RewardCard
          key={r.id}
          reward={r}
          balance={balance}
          confirming={confirming?.id === r.id}
          busy={busy}
          t={t}
          onAsk={() => setConfirming(r)}
          onConfirm={() => confirm(r)}
          onCancel={() => setConfirming(undefined)}
        />
      ))}
      {projects.length > 0 ? <View className='section-title'>{t('projects.title')}</View> : null}
      {projects.map((p) => (
        <ProjectCard key={p.id} project={p} balance={balance} busy={busy} t={t} onDonate={(points) => donate(p.id, points)} />
      ))}
      <VoucherList redemptions={redemptions} t={t} />
    </View>
  )
}
