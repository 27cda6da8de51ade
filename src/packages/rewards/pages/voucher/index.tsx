import { Text, View } from '@tarojs/components'
import { useTextScale } from '../../../../components/TextScale'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '../../../../components/ActionButton'
import { Notice } from '../../../../components/Notice'
import { QrCode } from '../../../../components/QrCode'
import { useRequireSession } from '../../../../components/useSession'
import { errorText, useT } from '../../../../i18n/useT'
import { selectRedemptions, useAppStore } from '../../../../store'
import '../../../../pages/rewards/index.scss'

/** Groups a code in fives so it can be read out and typed without losing one's place. */
export const spacedCode = (code: string) => code.replace(/(.{5})(?=.)/g, '$1 ')

export default function VoucherPage() {
  const textScale = useTextScale()
  const t = useT()
  const { params } = useRouter()
  const id = params.id ?? ''
  const voucher = useAppStore(selectRedemptions).find((r) => r.id === id)
  const { loadRedemptions, cancelVoucher } = useAppStore.getState()
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | undefined>()

  const session = useRequireSession(() => {
    loadRedemptions().catch((e) => setNotice({ tone: 'error', text: errorText(t, e) }))
  })
  if (!session) return <View className='page' />
  if (!voucher) return <View className='page muted'>{t('common.loading')}</View>

  async function cancel() {
    if (!voucher) return
    setBusy(true)
    try {
      const r = await cancelVoucher(voucher.id)
      setNotice({ tone: 'success', text: t('voucher.cancelled', { points: r.pointsCost }) })
    } catch (e) {
      setNotice({ tone: 'error', text: errorText(t, e) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='page voucher' style={textScale}>
      <View className='card'>
        <Text className='card__title'>{voucher.rewardTitle}</Text>
        <Text className={`status status--${voucher.status}`} id='voucher-status'>
          {t(`status.${voucher.status}`)}
        </Text>
        {voucher.status === 'pending' ? <QrCode text={voucher.code} label={t('voucher.qr', { code: voucher.code })} /> : null}
        <Text className='muted'>{t('voucher.code')}</Text>
        <Text className='voucher__code' id='voucher-code' userSelect>
          {spacedCode(voucher.code)}
        </Text>
        <Text className='muted'>{t('voucher.expires', { time: voucher.expiresAt.slice(0, 16).replace('T', ' ') })}</Text>
      </View>
      {notice ? <Notice tone={notice.tone} lines={[notice.text]} /> : null}
      {voucher.status === 'pending' ? (
        <ActionButton variant='secondary' label={t('voucher.cancel')} disabled={busy} loading={busy} onClick={cancel} />
      ) : null}
    </View>
  )
}
