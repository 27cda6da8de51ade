import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Field } from '@/components/Field'
import { Notice } from '@/components/Notice'
import { useTextScale } from '@/components/TextScale'
import { useAction } from '@/components/useAction'
import { usePageTitle } from '@/components/usePageTitle'
import { usePackageT } from '@/components/useT'
import type { PackageKey } from '../../messages'
import { MESSAGES } from '../../messages'
import { usePublicStore } from '../../store'
import './index.scss'

/**
 * Anyone checks a donor certificate's code or an entry's hash, without logging in. The answer shows what the
 * entry records and whether its hash and chain hold; never whose it is. `?code=` fills the field (a link or QR).
 */
export default function VerifyPublicPage() {
  const textScale = useTextScale()
  usePageTitle('verify.title')
  const t = usePackageT(MESSAGES)
  const [code, setCode] = useState(decodeURIComponent(useRouter().params.code ?? ''))
  const result = usePublicStore((s) => s.verification)
  const { run, busy, say, noticeProps } = useAction(t)

  function submit() {
    if (!code.trim()) return say('error', t('verify.formError'))
    void run(() => usePublicStore.getState().verify(code.trim()))
  }

  const entry = result?.entry
  return (
    <View className='page verify-public' style={textScale}>
      <Field id='verify-code' label={t('verify.code')} hint={t('verify.hint')} value={code} onInput={setCode} />
      <ActionButton label={t('verify.submit')} loading={busy} onClick={submit} />
      {noticeProps ? <Notice {...noticeProps} /> : null}
      {result ? (
        <View className={`card verify-result verify-result--${result.genuine ? 'ok' : 'bad'}`} id='verify-result' role='status'>
          <Text className='card__title'>{result.genuine ? `✓ ${t('verify.genuine')}` : `✗ ${t('verify.notGenuine')}`}</Text>
          {entry ? (
            <View>
              <Text className='verify-result__line'>{t(`verify.type.${entry.type}` as PackageKey)}</Text>
              {entry.projectTitle ? <Text className='verify-result__line'>{t('verify.project', { title: entry.projectTitle })}</Text> : null}
              {entry.points !== 0 ? <Text className='verify-result__line'>{t('verify.points', { points: entry.points })}</Text> : null}
              {entry.gramsCo2e !== 0 ? <Text className='verify-result__line'>{t('verify.grams', { grams: entry.gramsCo2e })}</Text> : null}
              <Text className='verify-result__line'>{t('verify.day', { day: entry.day })}</Text>
              <Text className='verify-result__line muted'>{t('verify.seq', { seq: entry.seq })}</Text>
            </View>
          ) : null}
          {/* the cloud's message is English: the verdict is worded here (an older cloud sends none, and the title says it) */}
          {result.verdict ? <Text className='muted verify-result__line'>{t(`verify.verdict.${result.verdict}` as PackageKey)}</Text> : null}
        </View>
      ) : null}
      <Text className='muted'>{t('verify.privacy')}</Text>
    </View>
  )
}
