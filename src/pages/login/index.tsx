import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '../../components/ActionButton'
import { Field } from '../../components/Field'
import { Notice } from '../../components/Notice'
import { errorText, useT } from '../../i18n/useT'
import { BRAND } from '../../branding/brand'
import { selectLang, useAppStore } from '../../store'

const HANDLE = /^[a-z0-9_-]{1,32}$/

export default function LoginPage() {
  const t = useT()
  const login = useAppStore((s) => s.login)
  const lang = useAppStore(selectLang)
  const [handle, setHandle] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const valid = HANDLE.test(handle.trim())

  async function onSubmit() {
    if (!valid || busy) return
    setBusy(true)
    setError(undefined)
    try {
      await login(handle.trim())
      await Taro.switchTab({ url: '/pages/home/index' })
    } catch (e) {
      setError(errorText(t, e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='page login'>
      <Text className='page-title'>{BRAND.name[lang]}</Text>
      <Text className='muted'>{BRAND.welcome[lang]}</Text>
      <Text className='muted'>{t('login.intro')}</Text>
      <Field id='handle' label={t('login.handle')} hint={t('login.handleHint')} value={handle} onInput={setHandle} />
      <ActionButton variant='primary' label={t('login.submit')} disabled={!valid || busy} loading={busy} onClick={onSubmit} />
      {error ? <Notice tone='error' lines={[error]} /> : null}
    </View>
  )
}
