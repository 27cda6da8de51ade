import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Field } from '@/components/Field'
import { Notice } from '@/components/Notice'
import { useTextScale } from '@/components/TextScale'
import { useAction } from '@/components/useAction'
import { usePageTitle } from '@/components/usePageTitle'
import { useRequireSession } from '@/components/useSession'
import { usePackageT } from '@/components/useT'
import { MESSAGES } from '../../messages'
import { useMerchantStore } from '../../store'

/**
 * One merchant, for an organizer who manages it (opened from the organizer's partners page): its counter (address,
 * opening hours, where it is, for residents and the map) and its staff, appointed by the id their Me page shows.
 */
export default function ManageMerchantPage() {
  const textScale = useTextScale()
  usePageTitle({ 'zh-CN': MESSAGES['zh-CN']['merchant.manage'], en: MESSAGES.en['merchant.manage'] })
  const t = usePackageT(MESSAGES)
  const { params } = useRouter()
  const merchantId = params.merchantId ?? ''
  const staff = useMerchantStore((s) => s.staff)
  const [address, setAddress] = useState('')
  const [hours, setHours] = useState('')
  const [latitude, setLatitude] = useState('')
  const [longitude, setLongitude] = useState('')
  const [openid, setOpenid] = useState('')
  const { run, busy, noticeProps } = useAction(t)
  const session = useRequireSession(() => {
    void run(() => useMerchantStore.getState().loadStaff(merchantId))
  })
  if (!session) return <View className='page' />

  const saveCounter = () =>
    run(async () => {
      await useMerchantStore.getState().saveCounter({ merchantId, address, openingHours: hours, latitude: Number(latitude), longitude: Number(longitude) })
      return t('merchant.saved')
    })
  const appoint = () =>
    run(async () => {
      await useMerchantStore.getState().appoint(merchantId, openid.trim())
      setOpenid('')
    })

  return (
    <View className='page merchant-manage' style={textScale}>
      {noticeProps ? <Notice {...noticeProps} /> : null}
      <View className='section-title' role='heading' aria-level={2}>
        {t('merchant.counter')}
      </View>
      <Field id='merchant-address' label={t('merchant.address', { address: '' })} value={address} onInput={setAddress} />
      <Field id='merchant-hours' label={t('merchant.hours', { hours: '' })} value={hours} onInput={setHours} />
      <Field id='merchant-latitude' type='digit' label={t('merchant.latitude')} value={latitude} onInput={setLatitude} />
      <Field id='merchant-longitude' type='digit' label={t('merchant.longitude')} value={longitude} onInput={setLongitude} />
      <ActionButton label={t('merchant.saveCounter')} disabled={busy} onClick={saveCounter} />
      <View className='section-title' role='heading' aria-level={2}>
        {t('merchant.staff')}
      </View>
      {staff && staff.length === 0 ? <Text className='muted'>{t('merchant.noStaff')}</Text> : null}
      <View role='list'>
        {(staff ?? []).map((s) => (
          <View key={s.openid} role='listitem' className='card'>
            <Text>{s.nickname || s.openid}</Text>
            <ActionButton
              variant='secondary'
              label={t('merchant.remove', { name: s.nickname || s.openid })}
              onClick={() => run(() => useMerchantStore.getState().remove(merchantId, s.openid))}
            />
          </View>
        ))}
      </View>
      <Field id='merchant-staff-openid' label={t('merchant.staffOpenid')} value={openid} onInput={setOpenid} />
      <ActionButton label={t('merchant.appoint')} disabled={!openid.trim() || busy} onClick={appoint} />
    </View>
  )
}
