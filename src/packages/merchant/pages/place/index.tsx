import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ActionButton } from '@/components/ActionButton'
import { useTextScale } from '@/components/TextScale'
import { usePageTitle } from '@/components/usePageTitle'
import { usePackageT } from '@/components/useT'
import { MESSAGES } from '../../messages'

/**
 * Where a merchant's offer is handed out: its name, address and opening hours as text anyone can read, and on
 * WeChat the map (Taro.openLocation at the stored latitude and longitude). H5 has no map to open: the address is it.
 */
export default function MerchantPlacePage() {
  const textScale = useTextScale()
  usePageTitle({ 'zh-CN': MESSAGES['zh-CN']['merchant.place'], en: MESSAGES.en['merchant.place'] })
  const t = usePackageT(MESSAGES)
  const { params } = useRouter()
  const name = decodeURIComponent(params.name ?? '')
  const address = decodeURIComponent(params.address ?? '')
  const hours = decodeURIComponent(params.hours ?? '')
  const latitude = Number(params.lat)
  const longitude = Number(params.lng)
  const located = Number.isFinite(latitude) && Number.isFinite(longitude)
  const openMap = () => void Taro.openLocation({ latitude, longitude, name, address, scale: 17 }).catch(() => undefined)
  return (
    <View className='page merchant-place' style={textScale}>
      <View className='section-title' role='heading' aria-level={2}>
        {name}
      </View>
      <View className='card'>
        <Text>{t('merchant.address', { address })}</Text>
        <Text>{t('merchant.hours', { hours })}</Text>
        {located ? <Text className='muted'>{t('merchant.coordinates', { latitude: latitude.toFixed(5), longitude: longitude.toFixed(5) })}</Text> : null}
      </View>
      {process.env.TARO_ENV === 'weapp' && located ? (
        <ActionButton label={t('merchant.openMap', { name })} onClick={openMap} />
      ) : (
        <Text className='muted'>{t('merchant.noMapHere')}</Text>
      )}
    </View>
  )
}
