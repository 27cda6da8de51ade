import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Choices } from '@/components/Choices'
import { Notice } from '@/components/Notice'
import { useTextScale } from '@/components/TextScale'
import { useAction } from '@/components/useAction'
import { usePageTitle } from '@/components/usePageTitle'
import { useRequireSession } from '@/components/useSession'
import { usePackageT } from '@/components/useT'
import { communityFromScan } from '@/core/communityQr'
import { localName } from '@/i18n/localName'
import { selectLang, useAppStore } from '@/store'
import { MESSAGES } from '../../messages'

/**
 * Which community the resident belongs to: chosen here from the list, or opened from a community's join QR
 * (`?community=<id>` preselects it). The cloud keeps the once-in-30-days rule; this page says when.
 */
export default function MyCommunityPage() {
  const textScale = useTextScale()
  usePageTitle('me.community')
  const t = usePackageT(MESSAGES)
  const fromQr = communityFromScan(decodeURIComponent(useRouter().params.community ?? ''))
  const mine = useAppStore((s) => s.myCommunity)
  const communities = useAppStore((s) => s.communities)
  const lang = useAppStore(selectLang)
  const [picked, setPicked] = useState<string | undefined>(fromQr)
  const { run, busy, say, noticeProps } = useAction(t)
  const session = useRequireSession(() => {
    void run(async () => {
      await Promise.all([useAppStore.getState().loadMyCommunity(), useAppStore.getState().loadCommunities()])
    })
  })
  if (!session) return <View className='page' />

  const current = mine?.community ?? null
  const choice = picked ?? current?.id ?? ''
  const pickedCommunity = communities.find((c) => c.id === choice)
  const pickedName = pickedCommunity && localName(pickedCommunity, lang)
  const locked = Boolean(mine?.nextChangeDay)

  async function scan() {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      const id = communityFromScan(result)
      const found = communities.find((c) => c.id === id)
      if (found) {
        setPicked(found.id)
        say('info', t('community.scanned', { name: localName(found, lang) }))
      }
    } catch {
      // cancelled by the resident
    }
  }

  return (
    <View className='page my-community' style={textScale}>
      <Text className='card__title' id='my-community'>
        {current ? t('community.current', { name: localName(current, lang) }) : t('community.none')}
      </Text>
      {noticeProps ? <Notice {...noticeProps} /> : null}
      {mine?.nextChangeDay ? <Notice tone='info' lines={[t('community.nextChange', { day: mine.nextChangeDay })]} /> : null}
      {communities.length === 0 && mine ? <Text className='muted'>{t('community.empty')}</Text> : null}
      {communities.length > 0 && !locked ? (
        <View className='card'>
          <View className='section-title' role='heading' aria-level={2}>
            {t('community.choose')}
          </View>
          <Choices
            label={t('community.choose')}
            value={choice}
            onChange={setPicked}
            options={communities.map((c) => ({ value: c.id, text: localName(c, lang) }))}
          />
          <Text className='muted'>{t('community.changeRule')}</Text>
          <ActionButton
            label={t('community.save')}
            loading={busy}
            disabled={!choice || choice === current?.id}
            onClick={() =>
              run(async () => {
                await useAppStore.getState().chooseCommunity(choice)
                setPicked(undefined)
                return t('community.joined', { name: pickedName ?? choice })
              })
            }
          />
          {process.env.TARO_ENV === 'weapp' ? <ActionButton variant='secondary' label={t('community.scan')} onClick={scan} /> : null}
        </View>
      ) : null}
    </View>
  )
}
