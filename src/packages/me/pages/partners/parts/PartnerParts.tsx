import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { ConfirmAction } from '@/components/ConfirmAction'
import { Notice } from '@/components/Notice'
import { QrCode } from '@/components/QrCode'
import { useAction, type Action } from '@/components/useAction'
import { PARTNERS_PRIVACY_VERSION } from '@/contract/constants'
import type { LinkablePartner, LinkCodeIssued } from '@/contract/partner'
import { shanghaiClock, shanghaiDay } from '@/core/time'
import type { Translate } from '@/i18n'
import type { MessageKey } from '@/i18n/messages'
import { CloudCallError } from '@/services/cloud'
import type { PackageKey } from '../../../messages'
import { usePartnerLinksStore } from '../../../partnersStore'

type T = Translate<MessageKey | PackageKey>

/** "YYYY-MM-DD HH:mm" and "HH:mm", on the city's clock whatever the phone's zone. */
const dayAndTime = (iso: string) => `${shanghaiDay(iso)} ${shanghaiClock(iso).slice(6)}`
const timeOf = (iso: string) => shanghaiClock(iso).slice(6)

/** The time now, read again every `everyMs` while mounted: a countdown moves on by itself. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}

/**
 * One partner: what it is, whether the resident is linked there (and since when), and the one thing to do about
 * it: make a link code, or remove the link (asked once more). The code made for it shows under it, where the
 * resident tapped.
 */
export function PartnerRow({ partner: p, code, t }: { partner: LinkablePartner; code: LinkCodeIssued | undefined; t: T }) {
  const action = useAction(t)
  const makeCode = () =>
    action.run(async () => {
      try {
        await usePartnerLinksStore.getState().makeCode(p.id)
      } catch (error) {
        if (!(error instanceof CloudCallError && error.code === 'PERMISSION_DENIED')) throw error
        action.say('error', t('partners.needsPrivacy', { version: PARTNERS_PRIVACY_VERSION }))
      }
    })
  const unlink = () =>
    action.run(async () => {
      await usePartnerLinksStore.getState().unlink(p.id)
      return t('partners.unlinked', { name: p.name })
    })
  return (
    <View className='card' id={`partner-${p.id}`}>
      <Text className='card__title'>{p.name}</Text>
      <Text className='muted'>{t(`partners.kind.${p.kind}`)}</Text>
      <Text className={`partner-links__status${p.linkedAt ? ' partner-links__status--on' : ''}`} id={`partner-status-${p.id}`}>
        {p.linkedAt ? t('partners.linked', { time: dayAndTime(p.linkedAt) }) : t('partners.notLinked')}
      </Text>
      {action.noticeProps ? <Notice {...action.noticeProps} /> : null}
      {p.linkedAt ? (
        <ConfirmAction
          label={t('partners.unlinkNamed', { name: p.name })}
          text={t('partners.unlink')}
          question={t('partners.unlinkAsk', { name: p.name })}
          confirmLabel={t('partners.unlinkConfirm', { name: p.name })}
          cancelLabel={t('me.cancel')}
          busy={action.busy}
          onConfirm={unlink}
        />
      ) : (
        <ActionButton
          variant={code ? 'secondary' : 'primary'}
          label={t('partners.makeCodeNamed', { name: p.name })}
          loading={action.busy}
          onClick={() => void makeCode()}
        >
          {t('partners.makeCode')}
        </ActionButton>
      )}
      {code && !p.linkedAt ? <LinkCodeCard issued={code} action={action} t={t} /> : null}
    </View>
  )
}

/**
 * The code the partner's app takes: large as text (to type) and as a QR (to scan), with the time it stops working
 * and the minutes left. Once it has expired only a line saying so is left.
 */
function LinkCodeCard({ issued, action, t }: { issued: LinkCodeIssued; action: Action; t: T }) {
  const now = useNow(15_000)
  const leftMs = Date.parse(issued.expiresAt) - now
  const name = issued.partner.name
  const { dropCode, load } = usePartnerLinksStore.getState()
  return (
    <View className='partner-links__code-card' id='link-code-card'>
      <Text className='section-title'>{t('partners.codeTitle', { name })}</Text>
      {leftMs > 0 ? (
        <View>
          <QrCode text={issued.code} label={t('partners.qrLabel', { name, code: issued.code })} />
          <Text className='partner-links__code' id='link-code' userSelect>
            {issued.code}
          </Text>
          <Text className='partner-links__expiry' id='link-code-expiry'>
            {`${t('partners.validUntil', { time: timeOf(issued.expiresAt) })} · ${t('partners.minutesLeft', { minutes: Math.ceil(leftMs / 60_000) })}`}
          </Text>
          <Text className='muted'>{t('partners.codeHint', { name })}</Text>
          <ActionButton variant='secondary' label={t('partners.refresh')} loading={action.busy} onClick={() => void action.run(load)} />
        </View>
      ) : (
        <Notice tone='warning' lines={[t('partners.expired')]} />
      )}
      <ActionButton variant='secondary' label={t('partners.hideCode')} onClick={dropCode} />
    </View>
  )
}
