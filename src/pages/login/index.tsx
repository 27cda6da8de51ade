import { Text, View } from '@tarojs/components'
import { usePageTitle } from '@/components/usePageTitle'
import { useTextScale } from '@/components/TextScale'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Field } from '@/components/Field'
import { Notice } from '@/components/Notice'
import { PRIVACY_URL } from '@/components/useSession'
import { useAction } from '@/components/useAction'
import { useT } from '@/components/useT'
import { BRAND } from '@/branding/brand'
import { selectLang, selectNeedsConsent, useAppStore } from '@/store'

const HANDLE = /^[a-z0-9_-]{1,32}$/

/**
 * WeChat login on weapp (wx.login's code, exchanged by the cloud; no prompt, so it starts by itself); the
 * dev-handle form on H5 and on weapp builds made for a local cloud with DEV_LOGIN=1.
 */
export default function LoginPage() {
  const textScale = useTextScale()
  usePageTitle('title.login')
  const t = useT()
  const lang = useAppStore(selectLang)
  const [handle, setHandle] = useState('')
  const action = useAction(t)
  const { busy } = action
  const valid = HANDLE.test(handle.trim())
  const wechat = process.env.TARO_ENV === 'weapp' && !DEV_LOGIN_UI

  async function run(login: () => Promise<void>) {
    if (busy) return
    await action.run(async () => {
      await login()
      // Home's data is fetched while this page still shows it is busy, so Home's first frame already holds the
      // resident's wallet (one setData on weapp, not a frame of dashes and another per answer). A failed load is
      // Home's to show (its own load on show tries again).
      await useAppStore.getState().loadHome()
      await Taro.switchTab({ url: '/pages/home/index' })
    })
  }

  useDidShow(() => {
    if (selectNeedsConsent(useAppStore.getState())) {
      Taro.redirectTo({ url: PRIVACY_URL }).catch(() => undefined)
      return
    }
    if (wechat && !useAppStore.getState().session) void run(() => useAppStore.getState().loginWithWeChat())
  })

  return (
    <View className='page login' style={textScale}>
      <Text className='page-title'>{BRAND.name[lang]}</Text>
      <Text className='muted'>{BRAND.welcome[lang]}</Text>
      {wechat ? (
        <View>
          <Text className='muted'>{busy ? t('login.wechatBusy') : t('login.wechatIntro')}</Text>
          <ActionButton label={t('login.wechat')} disabled={busy} loading={busy} onClick={() => void run(() => useAppStore.getState().loginWithWeChat())} />
        </View>
      ) : (
        <View>
          <Text className='muted'>{t('login.intro')}</Text>
          <Field id='handle' label={t('login.handle')} hint={t('login.handleHint')} value={handle} onInput={setHandle} />
          <ActionButton
            variant='primary'
            label={t('login.submit')}
            disabled={!valid || busy}
            loading={busy}
            onClick={() => void run(() => useAppStore.getState().loginWithHandle(handle.trim()))}
          />
        </View>
      )}
      {action.noticeProps ? <Notice {...action.noticeProps} /> : null}
      <ActionButton variant='secondary' label={t('privacy.title')} onClick={() => void Taro.navigateTo({ url: PRIVACY_URL })} />
      {/* The city's figures are public: no login needed to see them. */}
      <ActionButton variant='secondary' label={t('city.title')} onClick={() => void Taro.navigateTo({ url: '/packages/public/pages/city/index' })} />
    </View>
  )
}
