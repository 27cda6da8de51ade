import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Notice } from '@/components/Notice'
import { useTextScale } from '@/components/TextScale'
import { usePageTitle } from '@/components/usePageTitle'
import { useRequireSession } from '@/components/useSession'
import { REMINDER_KINDS, type ReminderKind } from '@/contract/constants'
import { reminderText } from '@/i18n/reminders'
import { useAction } from '@/components/useAction'
import { usePackageT } from '@/components/useT'
import { subscribableKinds } from '@/services/wechat'
import { selectLang, useAppStore } from '@/store'
import { MESSAGES } from '../../messages'
import './index.scss'
import { Inbox, ReminderToggle } from './parts/ReminderParts'

/** Which reminders to get, and the messages that came: the in-app inbox (WeChat also delivers them on weapp). */
export default function RemindersPage() {
  const textScale = useTextScale()
  usePageTitle('reminder.open')
  const t = usePackageT(MESSAGES)
  const lang = useAppStore(selectLang)
  const settings = useAppStore((s) => s.reminderSettings)
  const inbox = useAppStore((s) => s.inbox)
  const [chosen, setChosen] = useState<Set<ReminderKind> | undefined>()
  const { run, busy, noticeProps } = useAction(t)

  const session = useRequireSession(() => {
    const { loadReminders, loadInbox } = useAppStore.getState()
    void run(async () => {
      await Promise.all([loadReminders(), loadInbox()])
    })
  })
  if (!session) return <View className='page' />
  const kinds = chosen ?? new Set(settings?.kinds ?? [])

  function toggle(kind: ReminderKind) {
    const next = new Set(kinds)
    if (next.has(kind)) next.delete(kind)
    else next.add(kind)
    setChosen(next)
  }

  const save = () =>
    run(async () => {
      await useAppStore.getState().saveReminders(REMINDER_KINDS.filter((k) => kinds.has(k)))
      const after = useAppStore.getState().reminderSettings
      const wechat = subscribableKinds()
      const sends = wechat.map((k) => t('reminders.sendsOf', { kind: reminderText(k, {}, lang).title, count: after?.sends[k] ?? 0 })).join('；')
      setChosen(undefined)
      return wechat.length > 0 ? t('reminders.savedWeChat', { sends }) : t('reminders.saved')
    })

  const unreadIds = inbox?.messages.filter((m) => !m.read).map((m) => m.id) ?? []
  return (
    <View className='page reminders' style={textScale}>
      <View className='section-title' role='heading' aria-level={2}>
        {t('reminders.choose')}
      </View>
      {REMINDER_KINDS.map((kind) => (
        <ReminderToggle key={kind} kind={kind} label={t(`reminders.kind.${kind}`)} on={kinds.has(kind)} onToggle={() => toggle(kind)} />
      ))}
      <ActionButton label={t('reminders.save')} disabled={busy || !settings} loading={busy} onClick={() => void save()} />
      {noticeProps ? <Notice {...noticeProps} /> : null}

      <View className='section-title' role='heading' aria-level={2}>
        {t('reminders.inbox')}
      </View>
      {inbox && inbox.messages.length === 0 ? <Text className='muted'>{t('reminders.empty')}</Text> : null}
      <Inbox t={t} />
      {unreadIds.length > 0 ? (
        <ActionButton variant='secondary' label={t('reminders.markAll')} onClick={() => void run(() => useAppStore.getState().markInboxRead(unreadIds))} />
      ) : null}
    </View>
  )
}
