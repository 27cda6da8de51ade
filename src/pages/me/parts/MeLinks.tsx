import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Choices } from '@/components/Choices'
import { Notice } from '@/components/Notice'
import type { Action } from '@/components/useAction'
import { LOGIN_URL, PRIVACY_URL } from '@/components/useSession'
import type { MyDataExport } from '@/contract/types'
import { formatKg, type Lang, type Translate } from '@/i18n'
import { saveTextFile } from '@/services/saveFile'
import { selectLang, useAppStore } from '@/store'
import { localName } from '@/i18n/localName'
import { selectUnread } from '@/store/reminders'
import type { TextSize } from '@/store/types'

const REMINDERS_URL = '/packages/me/pages/reminders/index'
const COMMUNITY_URL = '/packages/me/pages/community/index'
const PARTNERS_URL = '/packages/me/pages/partners/index'
const MERCHANT_DESK_URL = '/packages/merchant/pages/desk/index'
const CITY_URL = '/packages/public/pages/city/index'
const METHODOLOGY_URL = '/packages/about/pages/methodology/index'
const ORGANIZER_TOOLS = [
  ['verify', 'organizer.verify'],
  ['review', 'organizer.review'],
  ['stats', 'organizer.stats'],
  ['rewards', 'organizer.rewards'],
  ['display', 'organizer.display'],
  ['stations', 'organizer.stations'],
  ['projects', 'organizer.projects'],
  ['communities', 'organizer.communities'],
  ['events', 'organizer.events'],
  ['treasury', 'organizer.treasury'],
  ['partners', 'organizer.partners'],
] as const

const go = (url: string) => () => Taro.navigateTo({ url })

/** H5 saves the JSON file; WeChat copies a readable summary, since it cannot save files for the user. */
async function deliverExport(data: MyDataExport): Promise<{ how: 'downloaded' | 'copied'; filename: string }> {
  const filename = `green-life-${data.profile.openid}-${data.exportedAt.slice(0, 10)}.json`
  const summary = [
    `${data.profile.nickname} · ${data.exportedAt}`,
    `points ${data.wallet.pointsBalance} · ${formatKg(data.wallet.gramsCo2eTotal)} kg CO2e · ${data.entries.length} entries`,
    `ledger ${data.verification.ok ? 'verified' : 'FAILED'} · head ${data.verification.headHash}`,
    ...data.entries.map((e) => `${e.seq} ${e.day} ${e.type} ${e.factorId ?? e.ref ?? ''} ${e.gramsCo2e}g ${e.points}pt ${e.hash.slice(0, 12)}`),
  ].join('\n')
  return { how: await saveTextFile(filename, JSON.stringify(data, null, 2), 'application/json', summary), filename }
}

/** Language and text size, both kept on this device. */
export function Preferences({ t }: { t: Translate }) {
  const lang = useAppStore(selectLang)
  const textSize = useAppStore((s) => s.textSize)
  return (
    <>
      <View className='section-title'>{t('me.language')}</View>
      <Choices<Lang>
        label={t('me.language')}
        value={lang}
        onChange={useAppStore.getState().setLang}
        options={[
          { value: 'zh-CN', text: '简体中文' },
          { value: 'en', text: 'English' },
        ]}
      />
      <View className='section-title'>{t('me.textSize')}</View>
      <Choices<TextSize>
        label={t('me.textSize')}
        value={textSize ?? 'standard'}
        onChange={(size) => useAppStore.getState().setTextSize(size)}
        options={[
          { value: 'standard', text: t('me.textStandard') },
          { value: 'large', text: t('me.textLarge') },
          { value: 'larger', text: t('me.textLarger') },
        ]}
      />
    </>
  )
}

export function OrganizerTools({ t }: { t: Translate }) {
  return (
    <View>
      <View className='section-title'>{t('me.organizerTools')}</View>
      {ORGANIZER_TOOLS.map(([page, key]) => (
        <ActionButton key={page} variant='secondary' label={t(key)} onClick={go(`/packages/organizer/pages/${page}/index`)} />
      ))}
    </View>
  )
}

/** The resident's community, the city, reminders, partner links, their data, how points are computed, privacy, logging out. */
export function MeLinks({ action: { run }, t }: { action: Action; t: Translate }) {
  const unread = useAppStore(selectUnread)
  const myCommunity = useAppStore((s) => s.myCommunity)
  const lang = useAppStore(selectLang)
  const exportData = () =>
    run(async () => {
      const { how, filename } = await deliverExport(await useAppStore.getState().exportMyData())
      return how === 'downloaded' ? t('me.exported', { filename }) : t('me.exportCopied')
    })
  const logout = () => {
    useAppStore.getState().logout()
    Taro.navigateTo({ url: LOGIN_URL })
  }
  return (
    <>
      <ActionButton
        variant='secondary'
        label={myCommunity?.community ? `${t('me.community')}：${localName(myCommunity.community, lang)}` : t('me.community')}
        onClick={go(COMMUNITY_URL)}
      />
      <ActionButton variant='secondary' label={t('city.title')} onClick={go(CITY_URL)} />
      <ActionButton
        variant='secondary'
        label={unread > 0 ? `${t('reminder.open')}（${t('reminder.unread', { count: unread })}）` : t('reminder.open')}
        onClick={go(REMINDERS_URL)}
      />
      <ActionButton variant='secondary' label={t('me.partners')} onClick={go(PARTNERS_URL)} />
      <ActionButton variant='secondary' label={t('me.merchantDesk')} onClick={go(MERCHANT_DESK_URL)} />
      <ActionButton variant='secondary' label={t('me.export')} onClick={exportData} />
      <ActionButton variant='secondary' label={t('home.methodology')} onClick={go(METHODOLOGY_URL)} />
      <ActionButton variant='secondary' label={t('privacy.title')} onClick={go(PRIVACY_URL)} />
      <ActionButton variant='secondary' label={t('me.logout')} onClick={logout} />
    </>
  )
}

/** Deleting the account, asked once more with what it means. */
export function DeleteAccount({ action: { run }, t }: { action: Action; t: Translate }) {
  const [confirming, setConfirming] = useState(false)
  if (!confirming) return <ActionButton variant='secondary' label={t('me.delete')} onClick={() => setConfirming(true)} />
  const remove = () =>
    run(async () => {
      await useAppStore.getState().deleteAccount()
      await Taro.navigateTo({ url: LOGIN_URL })
    })
  return (
    <View className='card'>
      <Notice tone='warning' lines={[t('me.deleteWarn')]} />
      <ActionButton label={t('me.deleteConfirm')} onClick={remove} />
      <ActionButton variant='secondary' label={t('me.cancel')} onClick={() => setConfirming(false)} />
    </View>
  )
}
