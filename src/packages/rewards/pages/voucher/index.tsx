import { Text, View } from '@tarojs/components'
import { usePageTitle } from '@/components/usePageTitle'
import { MESSAGES } from '../../messages'
import { useTextScale } from '@/components/TextScale'
import { useRouter } from '@tarojs/taro'
import { ActionButton } from '@/components/ActionButton'
import { Notice } from '@/components/Notice'
import { QrCode } from '@/components/QrCode'
import { useRequireSession } from '@/components/useSession'
import { usePackageT } from '@/components/useT'
import { useAction } from '@/components/useAction'
import { localText } from '@/i18n/localName'
import { selectLang, selectRedemptions, useAppStore } from '@/store'
import '@/pages/rewards/index.scss'

/** Groups a code in fives so it can be read out and typed without losing one's place. */
export const spacedCode = (code: string) => code.replace(/(.{5})(?=.)/g, '$1 ')

export default function VoucherPage() {
  const textScale = useTextScale()
  usePageTitle('title.voucher')
  const t = usePackageT(MESSAGES)
  const { params } = useRouter()
  const id = params.id ?? ''
  const voucher = useAppStore(selectRedemptions).find((r) => r.id === id)
  const lang = useAppStore(selectLang)
  const { loadRedemptions, cancelVoucher } = useAppStore.getState()
  const { run, busy, noticeProps } = useAction(t)

  const session = useRequireSession(() => {
    void run(loadRedemptions)
  })
  if (!session) return <View className='page' />
  // A voucher that could not be loaded says why instead of loading for ever.
  if (!voucher) return <View className='page muted'>{noticeProps ? <Notice {...noticeProps} /> : t('common.loading')}</View>

  const cancel = () =>
    run(async () => {
      const r = await cancelVoucher(voucher.id)
      return t('voucher.cancelled', { points: r.pointsCost })
    })

  return (
    <View className='page voucher' style={textScale}>
      <View className='card'>
        <Text className='card__title'>{localText(voucher.rewardTitle, voucher.rewardTitleEn, lang)}</Text>
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
      {noticeProps ? <Notice {...noticeProps} /> : null}
      {voucher.status === 'pending' ? <ActionButton variant='secondary' label={t('voucher.cancel')} disabled={busy} loading={busy} onClick={cancel} /> : null}
    </View>
  )
}
