import { Button, Text, View } from '@tarojs/components'
import { usePageTitle } from '@/components/usePageTitle'
import { MESSAGES } from '../../messages'
import { useTextScale } from '@/components/TextScale'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Notice } from '@/components/Notice'
import { LOGIN_URL } from '@/components/useSession'
import { PRIVACY_NOTICE_VERSION } from '@/contract/constants'
import { usePackageT } from '@/components/useT'
import { answerPrivacyRequest } from '@/services/wechat'
import { BRAND } from '@/branding/brand'
import { selectNeedsConsent, selectSession, useAppStore } from '@/store'

const SECTIONS = ['collect', 'why', 'keep', 'afterDelete', 'location', 'share', 'partners', 'rights'] as const
/** The id WeChat checks was tapped when the app answers its privacy request. */
const AGREE_BUTTON_ID = 'agree-privacy'

/** The privacy notice: shown at first launch before anything is sent, and whenever a newer notice asks again. */
export default function PrivacyPage() {
  const textScale = useTextScale()
  usePageTitle('privacy.title')
  const t = usePackageT(MESSAGES)
  const needsConsent = useAppStore(selectNeedsConsent)
  const session = useAppStore(selectSession)
  const [declined, setDeclined] = useState(false)

  async function onAgree() {
    await useAppStore.getState().agreePrivacy()
    answerPrivacyRequest(true, AGREE_BUTTON_ID)
    if (session) await Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/home/index' }))
    else await Taro.redirectTo({ url: LOGIN_URL })
  }

  return (
    <View className='page privacy' style={textScale}>
      <View className='page-title' role='heading' aria-level={1}>
        {t('privacy.title')}
      </View>
      <Text className='muted'>{t('privacy.intro')}</Text>
      {SECTIONS.map((key) => (
        <View key={key} className='card'>
          <View className='card__title' role='heading' aria-level={2}>
            {t(`privacy.${key}Title`)}
          </View>
          <Text>{t(`privacy.${key}`)}</Text>
        </View>
      ))}
      {needsConsent ? (
        <View>
          {process.env.TARO_ENV === 'weapp' ? (
            // WeChat's own agreement button: it also records the agreement with WeChat for privacy APIs.
            <Button
              id={AGREE_BUTTON_ID}
              className='primary-button'
              style={{ backgroundColor: BRAND.colors.primary }}
              openType='agreePrivacyAuthorization'
              ariaLabel={t('privacy.agree')}
              onAgreePrivacyAuthorization={() => void onAgree()}
            >
              {t('privacy.agree')}
            </Button>
          ) : (
            <ActionButton label={t('privacy.agree')} onClick={() => void onAgree()} />
          )}
          <ActionButton
            variant='secondary'
            label={t('privacy.decline')}
            onClick={() => {
              answerPrivacyRequest(false, AGREE_BUTTON_ID)
              setDeclined(true)
            }}
          />
          {declined ? <Notice tone='warning' lines={[t('privacy.declined')]} /> : null}
        </View>
      ) : (
        <Notice tone='success' lines={[t('privacy.agreed', { version: PRIVACY_NOTICE_VERSION })]} />
      )}
    </View>
  )
}
