import { Image, Text, View } from '@tarojs/components'
import { usePageTitle } from '@/components/usePageTitle'
import { MESSAGES } from '../../messages'
import { useTextScale } from '@/components/TextScale'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Notice } from '@/components/Notice'
import { useRequireSession } from '@/components/useSession'
import type { DonationCertificate } from '@/contract/types'
import { errorText, usePackageT } from '@/components/useT'
import { useAppStore } from '@/store'
// the leaf of the city's selected Home tab, in its colour
import leaf from '@city-icons/home-active.png'
import './index.scss'

/** The donor's certificate: a page worth showing, with the code that ties it to the ledger. */
export default function CertificatePage() {
  const textScale = useTextScale()
  usePageTitle('title.certificate')
  const t = usePackageT(MESSAGES)
  const { params } = useRouter()
  const loadCertificate = useAppStore((s) => s.loadCertificate)
  const [cert, setCert] = useState<DonationCertificate | undefined>()
  const [error, setError] = useState<string | undefined>()
  const session = useRequireSession(() => {
    loadCertificate(params.entryId ?? '')
      .then(setCert)
      .catch((e) => setError(errorText(t, e)))
  })
  if (!session) return <View className='page' />
  return (
    <View className='page certificate' style={textScale}>
      {error ? <Notice tone='error' lines={[error]} /> : null}
      {!cert && !error ? <View className='muted'>{t('common.loading')}</View> : null}
      {cert ? (
        <View className='certificate__card' role='article' ariaLabel={t('cert.title')}>
          <Text className='certificate__title'>{t('cert.title')}</Text>
          <Image className='certificate__leaf' src={leaf} {...{ 'aria-hidden': 'true' }} />
          <Text className='certificate__body' id='certificate-body'>
            {t('cert.body', { nickname: cert.nickname, day: cert.day, project: cert.projectTitle, points: cert.points })}
          </Text>
          <Text className='muted'>{t('cert.code')}</Text>
          <Text className='certificate__code' id='certificate-code' userSelect>
            {cert.verificationCode}
          </Text>
          <Text className='muted'>{t('cert.chain', { seq: cert.seq })}</Text>
        </View>
      ) : null}
    </View>
  )
}
