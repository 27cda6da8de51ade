import { Text, View } from '@tarojs/components'
import { MESSAGES } from '../../messages'
import { pressable } from '@/components/pressable'
import { useTextScale } from '@/components/TextScale'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Choices } from '@/components/Choices'
import { PRIVACY_URL } from '@/components/useSession'
import { usePageTitle } from '@/components/usePageTitle'
import { GRAMS_PER_POINT } from '@/core/points'
import type { Lang } from '@/i18n'
import { usePackageT } from '@/components/useT'
import { selectLang, useAppStore } from '@/store'
import './index.scss'

/** Steps of the first-run path on this page; the privacy notice is the third and last. */
const STEPS = ['what', 'how'] as const
const PATH_LENGTH = STEPS.length + 1

/**
 * A first launch: what counts, then how it is computed, then the privacy notice. Nothing here calls the
 * cloud (nothing may be sent before the notice is agreed), so the figures come from the rules core.
 */
export default function IntroPage() {
  const textScale = useTextScale()
  usePageTitle('title.intro')
  const t = usePackageT(MESSAGES)
  const lang = useAppStore(selectLang)
  const [step, setStep] = useState(0)
  const key = STEPS[step]

  function toNotice() {
    useAppStore.getState().finishIntro()
    Taro.redirectTo({ url: PRIVACY_URL }).catch(() => undefined)
  }

  // The methodology's figures come from the cloud: the notice comes first, so the intro counts as seen.
  function openMethodology() {
    useAppStore.getState().finishIntro()
    Taro.navigateTo({ url: '/packages/about/pages/methodology/index' }).catch(() => undefined)
  }

  return (
    <View className='page intro' style={textScale}>
      <Text className='intro__step'>{t('intro.step', { n: step + 1, of: PATH_LENGTH })}</Text>
      <View className='intro__card' id={`intro-${key}`}>
        <View className='page-title' role='heading' aria-level={1}>
          {t(`intro.${key}.title`)}
        </View>
        <Text className='intro__body'>{t(`intro.${key}.body`, { gramsPerPoint: GRAMS_PER_POINT })}</Text>
        {key === 'how' ? (
          <View className='link' role='link' ariaLabel={t('intro.how.link')} onClick={openMethodology} {...pressable(openMethodology)}>
            {t('intro.how.link')}
          </View>
        ) : null}
      </View>
      {step === 0 ? (
        <Choices<Lang>
          label={t('me.language')}
          value={lang}
          onChange={(l) => useAppStore.getState().setLang(l)}
          options={[
            { value: 'zh-CN', text: '简体中文' },
            { value: 'en', text: 'English' },
          ]}
        />
      ) : null}
      <ActionButton label={t('intro.next')} onClick={() => (step + 1 < STEPS.length ? setStep(step + 1) : toNotice())} />
      <ActionButton variant='secondary' label={t('intro.skip')} onClick={toNotice} />
    </View>
  )
}
