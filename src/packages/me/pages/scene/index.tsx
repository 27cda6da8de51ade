import { Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { CheckInSubmit } from '@/components/CheckInSubmit'
import { Choices } from '@/components/Choices'
import { Field } from '@/components/Field'
import { Notice } from '@/components/Notice'
import { useTextScale } from '@/components/TextScale'
import { useCheckIn } from '@/components/useCheckIn'
import { usePageTitle } from '@/components/usePageTitle'
import { usePackageT } from '@/components/useT'
import { SCENE_BEHAVIOURS, type SceneBehaviour } from '@/contract/constants'
import { parseDisplayCode } from '@/core/stationCode'
import { selectMethodology, selectStations, useAppStore } from '@/store'
import { MESSAGES } from '../../messages'

/**
 * A low-carbon scene at a venue (issue 24): the resident picks what they did and scans the venue's rotating code,
 * which names the venue and proves they were there. There is no typed venue code: a scene earns only with the scan.
 */
export default function SceneCheckInPage() {
  const textScale = useTextScale()
  usePageTitle({ 'zh-CN': '低碳场景打卡', en: 'Low-carbon scenes' })
  const t = usePackageT(MESSAGES)
  const { submit, busy, notice } = useCheckIn()
  const methodology = useAppStore(selectMethodology)
  const stations = useAppStore(selectStations)
  const loadCatalogue = useAppStore((s) => s.loadCatalogue)
  const [behaviour, setBehaviour] = useState<SceneBehaviour>('cup')
  const [displayCode, setDisplayCode] = useState('')
  const [touched, setTouched] = useState(false)

  useLoad(() => {
    if (!methodology || stations.length === 0) loadCatalogue().catch(() => undefined)
  })

  const shown = parseDisplayCode(displayCode.trim())
  const venue = shown ? stations.find((s) => s.code === shown.stationCode) : undefined
  // Behaviours without a factor in force (none cited) are not offered; at a known venue, only the ones it enables.
  const offered = SCENE_BEHAVIOURS.filter(
    (b) => (!methodology || methodology.factors.some((f) => f.id === `scene.${b}`)) && (!venue?.behaviours || venue.behaviours.includes(b)),
  )
  const factor = methodology?.factors.find((f) => f.id === `scene.${behaviour}`)
  const codeError = shown ? undefined : t('scene.codeMissing')

  async function scan() {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      setDisplayCode(res.result.trim())
    } catch {
      // cancelled by the resident
    }
  }

  function onSubmit() {
    setTouched(true)
    if (!shown) return
    submit({ kind: 'scene', behaviour, venueCode: shown.stationCode, displayCode: displayCode.trim() })
    // a venue's code is good once: the next scene scans the next one
    setDisplayCode('')
  }

  return (
    <View className='page scene' style={textScale}>
      <Notice tone='info' lines={[t('scene.explain')]} />
      {process.env.TARO_ENV === 'weapp' ? <ActionButton variant='secondary' label={t('scene.scan')} onClick={scan} /> : null}
      <Field
        id='scene-code'
        label={t('scene.code')}
        hint={t('scene.codeHint')}
        value={displayCode}
        onInput={setDisplayCode}
        error={touched ? codeError : undefined}
      />
      {venue ? <Text className='muted'>{t('scene.venue', { name: venue.name })}</Text> : null}
      <View className='section-title'>{t('scene.behaviour')}</View>
      <Choices<SceneBehaviour>
        label={t('scene.behaviour')}
        value={behaviour}
        onChange={setBehaviour}
        options={offered.map((b) => ({ value: b, text: t(`scene.${b}`) }))}
      />
      {factor ? <Text className='muted'>{t('scene.perTime', { grams: factor.gramsPerUnit, capGrams: factor.dailyCapGrams })}</Text> : null}
      <CheckInSubmit t={t} estimateGrams={factor?.gramsPerUnit} busy={busy} notice={notice} onSubmit={onSubmit} />
    </View>
  )
}
