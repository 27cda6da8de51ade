import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Choices } from '@/components/Choices'
import { ConfirmAction } from '@/components/ConfirmAction'
import { Field } from '@/components/Field'
import { Notice } from '@/components/Notice'
import { useAction } from '@/components/useAction'
import type { PartnerView, SecretIssued } from '@/contract/partner'
import { feedsOfKind, PARTNER_KINDS, type PartnerKind } from '@/core/partners'
import { Toggles } from '@/components/Toggles'
import { shanghaiDay } from '@/core/time'
import type { Translate } from '@/i18n'
import type { MessageKey } from '@/i18n/messages'
import type { PackageKey } from '../../../messages'
import { useOrganizerStore } from '../../../store'

type T = Translate<MessageKey | PackageKey>

/** As the contract's registerPartner takes it (src/contract/partner.ts). */
const NAME_MAX_CHARS = 40

/** A new partner's name and kind, checked before sending; its secret goes to the page, which shows it once. */
export function RegisterForm({ onIssued, t }: { onIssued(issued: SecretIssued): void; t: T }) {
  const [name, setName] = useState('')
  const [kind, setKind] = useState<PartnerKind | ''>('')
  const [stations, setStations] = useState<string[]>([])
  const known = useOrganizerStore((s) => s.stations)
  const action = useAction(t)
  // What it may report follows from its kind; a bin or scale also names the stations it weighs at.
  const feeds = kind ? feedsOfKind(kind) : []
  const weighs = feeds.includes('weights')
  const register = () => {
    const trimmed = name.trim()
    if (!trimmed || trimmed.length > NAME_MAX_CHARS || !kind) return action.say('error', t('partner.formError', { max: NAME_MAX_CHARS }))
    if (weighs && stations.length === 0) return action.say('error', t('partner.stationsNeeded'))
    void action.run(async () => {
      const issued = await useOrganizerStore.getState().registerPartner(trimmed, kind, weighs ? stations : undefined)
      onIssued(issued)
      setName('')
      setKind('')
      setStations([])
      return t('partner.registered', { name: issued.partner.name })
    })
  }
  return (
    <View className='card' id='partner-form'>
      <View className='card__title' role='heading' aria-level={2}>
        {t('partner.new')}
      </View>
      <Field id='partner-name' label={t('partner.name')} value={name} onInput={setName} />
      <Text className='field__label'>{t('partner.kind')}</Text>
      <Choices<PartnerKind | ''>
        label={t('partner.kind')}
        value={kind}
        onChange={setKind}
        options={PARTNER_KINDS.map((k) => ({ value: k, text: t(`partner.kind.${k}`) }))}
      />
      {kind ? (
        <Text className='muted' id='partner-feeds'>
          {feeds.length > 0 ? t('partner.feedsOfKind', { feeds: feeds.map((f) => t(`partner.feed.${f}`)).join('、') }) : t('partner.linkOnly')}
        </Text>
      ) : null}
      {weighs ? (
        <Toggles<string>
          label={t('partner.stations')}
          values={stations}
          onChange={setStations}
          options={known.filter((s) => !s.retiredAt && s.materials.length > 0).map((s) => ({ value: s.code, text: `${s.name}（${s.code}）` }))}
        />
      ) : null}
      <ActionButton label={t('partner.register')} loading={action.busy} onClick={register} />
      {action.noticeProps ? <Notice {...action.noticeProps} /> : null}
    </View>
  )
}

/**
 * A secret just issued, in a box that says it will not be shown again, with a button that copies it. It lives in
 * the page's state only: leaving or reloading the page drops it.
 */
function SecretBox({ issued: { partner, secret }, onDismiss, t }: { issued: SecretIssued; onDismiss(): void; t: T }) {
  const action = useAction(t)
  const copy = () =>
    action.run(async () => {
      await Taro.setClipboardData({ data: secret })
      return t('partner.copied')
    })
  return (
    <View className='partner-secret' id={`partner-secret-${partner.id}`}>
      <Text className='partner-secret__title'>{t('partner.secretTitle', { name: partner.name, version: partner.secretVersion })}</Text>
      <Notice tone='warning' lines={[t('partner.secretWarn')]} />
      <Text className='muted'>{t('partner.secretId', { id: partner.id })}</Text>
      <Text className='partner-secret__value' id={`partner-secret-value-${partner.id}`} userSelect>
        {secret}
      </Text>
      <ActionButton label={t('partner.copyNamed', { name: partner.name })} onClick={() => void copy()}>
        {t('partner.copy')}
      </ActionButton>
      {action.noticeProps ? <Notice {...action.noticeProps} /> : null}
      <ActionButton variant='secondary' label={t('partner.dismiss')} ariaLabel={`${t('partner.dismiss')}（${partner.name}）`} onClick={onDismiss} />
    </View>
  )
}

interface PartnerCardProps {
  partner: PartnerView
  /** the secret issued for it on this page, until dismissed */
  issued: SecretIssued | undefined
  onIssued(issued: SecretIssued): void
  onDismiss(): void
  t: T
}

/** One partner: its id (what it signs as), kind, secret version and state; rotating its secret and revoking it, each asked once more. */
export function PartnerCard({ partner: p, issued, onIssued, onDismiss, t }: PartnerCardProps) {
  const action = useAction(t)
  const { rotatePartnerSecret, revokePartner } = useOrganizerStore.getState()
  const rotate = () =>
    action.run(async () => {
      onIssued(await rotatePartnerSecret(p.id))
      return t('partner.rotated', { name: p.name })
    })
  const revoke = () =>
    action.run(async () => {
      await revokePartner(p.id)
      onDismiss()
      return t('partner.revokedDone', { name: p.name })
    })
  return (
    <View className='card' id={`partner-${p.id}`}>
      <Text className='card__title'>{p.name}</Text>
      <Text className='muted' userSelect>
        {p.id}
      </Text>
      <Text id={`partner-line-${p.id}`}>
        {t('partner.line', { kind: t(`partner.kind.${p.kind}`), version: p.secretVersion, day: shanghaiDay(p.createdAt) })}
      </Text>
      <Text className={`partner-admin__state${p.revokedAt ? ' partner-admin__state--revoked' : ''}`} id={`partner-state-${p.id}`}>
        {p.revokedAt ? t('partner.revokedMark', { day: shanghaiDay(p.revokedAt) }) : t('partner.active')}
      </Text>
      {p.today ? (
        <Text className='muted' id={`partner-health-${p.id}`}>
          {t('partner.health', { ...p.today, seen: p.lastSeenAt ? p.lastSeenAt.slice(0, 16).replace('T', ' ') : t('partner.neverSeen') })}
        </Text>
      ) : null}
      {action.noticeProps ? <Notice {...action.noticeProps} /> : null}
      {issued ? <SecretBox issued={issued} onDismiss={onDismiss} t={t} /> : null}
      {p.revokedAt ? null : (
        <View>
          {p.kind === 'merchant' ? (
            <ActionButton
              variant='secondary'
              label={t('partner.manageMerchant', { name: p.name })}
              onClick={() => void Taro.navigateTo({ url: `/packages/merchant/pages/manage/index?merchantId=${encodeURIComponent(p.id)}` })}
            />
          ) : null}
          <ConfirmAction
            label={t('partner.rotateNamed', { name: p.name })}
            text={t('partner.rotate')}
            question={t('partner.rotateAsk', { name: p.name })}
            confirmLabel={t('partner.rotateConfirm', { name: p.name })}
            cancelLabel={t('me.cancel')}
            busy={action.busy}
            onConfirm={rotate}
          />
          <ConfirmAction
            label={t('partner.revokeNamed', { name: p.name })}
            text={t('partner.revoke')}
            question={t('partner.revokeAsk', { name: p.name })}
            confirmLabel={t('partner.revokeConfirm', { name: p.name })}
            cancelLabel={t('me.cancel')}
            busy={action.busy}
            onConfirm={revoke}
          />
        </View>
      )}
    </View>
  )
}
