import { Text, View } from '@tarojs/components'
import { usePageTitle } from '@/components/usePageTitle'
import { MESSAGES, type PackageKey } from '../../messages'
import { useTextScale } from '@/components/TextScale'
import { ActionButton } from '@/components/ActionButton'
import { Field } from '@/components/Field'
import { Notice } from '@/components/Notice'
import { useRequireSession } from '@/components/useSession'
import type { Redemption } from '@/contract/types'
import { usePackageT } from '@/components/useT'
import { localText } from '@/i18n/localName'
import { selectLang, useAppStore } from '@/store'
import { useVoucherDesk, type DeskAnswer } from '@/packages/shared/useVoucherDesk'
import './index.scss'

type Answer = DeskAnswer<{ redemption: Redemption }>

/** The answer, big and clear at a distance: a tick and the reward, or a cross and why. */
function VerifyAnswer({ result, t, onNext }: { result: Answer; t: (key: PackageKey, params?: Record<string, string | number>) => string; onNext(): void }) {
  const lang = useAppStore(selectLang)
  return (
    <View className={`page verify verify--${result.ok ? 'ok' : 'refused'}`}>
      <View className='verify__mark' role='img' ariaLabel={result.ok ? t('organizer.ok', { title: '' }) : t('organizer.refused')}>
        {result.ok ? '✓' : '✕'}
      </View>
      {result.ok ? (
        <View className='verify__text'>
          <Text className='verify__headline'>
            {t('organizer.ok', { title: localText(result.redemption.rewardTitle, result.redemption.rewardTitleEn, lang) })}
          </Text>
          <Text className='muted'>{t('organizer.okDetail', { code: result.redemption.code, points: result.redemption.pointsCost })}</Text>
        </View>
      ) : (
        <View className='verify__text'>
          <Text className='verify__headline'>{t('organizer.refused')}</Text>
          <Text className='muted'>{result.message}</Text>
        </View>
      )}
      <ActionButton label={t('organizer.next')} onClick={onNext} />
    </View>
  )
}

/** Pickup desk: scan (weapp) or type (H5) a voucher code; a big clear yes or no. */
export default function VerifyPage() {
  const textScale = useTextScale()
  usePageTitle('organizer.verify')
  const t = usePackageT(MESSAGES)
  const verifyVoucher = useAppStore((s) => s.verifyVoucher)
  const { code, setCode, busy, answer, verify, scan, next } = useVoucherDesk(async (text) => ({ redemption: await verifyVoucher(text) }), t)
  const session = useRequireSession()
  if (!session) return <View className='page' />

  if (answer) return <VerifyAnswer result={answer} t={t} onNext={next} />

  return (
    <View className='page verify' style={textScale}>
      {process.env.TARO_ENV === 'weapp' ? <ActionButton label={t('organizer.scan')} onClick={scan} /> : null}
      <Field id='voucher-code-input' label={t('organizer.code')} hint={t('organizer.codeHint')} value={code} onInput={setCode} />
      <ActionButton label={t('organizer.submit')} disabled={!code.trim() || busy} loading={busy} onClick={() => verify(code)} />
      {busy ? <Notice tone='info' lines={[t('common.loading')]} /> : null}
    </View>
  )
}
