import { Text, View } from '@tarojs/components'
import { pressable } from '@/components/pressable'
import type { Translate } from '@/i18n'
import type { MessageKey } from '@/i18n/messages'
import { reminderText } from '@/i18n/reminders'
import { selectLang, useAppStore } from '@/store'
import type { PackageKey } from '../../../messages'

/** One kind of reminder as a switch: a screen reader hears its name and whether it is on. */
export function ReminderToggle({ kind, label, on, onToggle }: { kind: string; label: string; on: boolean; onToggle(): void }) {
  return (
    <View
      id={`reminder-${kind}`}
      className={`reminders__toggle${on ? ' reminders__toggle--on' : ''}`}
      role='switch'
      aria-checked={on}
      ariaLabel={label}
      onClick={onToggle}
      {...pressable(onToggle)}
    >
      <Text className='reminders__toggle-text'>{label}</Text>
      <View className={`reminders__switch${on ? ' reminders__switch--on' : ''}`} {...{ 'aria-hidden': 'true' }}>
        <View className='reminders__knob' />
      </View>
    </View>
  )
}

/** The reminders that came (the in-app inbox), the unread ones marked in words as well as in colour. */
export function Inbox({ t }: { t: Translate<MessageKey | PackageKey> }) {
  const lang = useAppStore(selectLang)
  const inbox = useAppStore((s) => s.inbox)
  return (
    <View role='list'>
      {inbox?.messages.map((m) => {
        const text = reminderText(m.kind, m.params, lang)
        return (
          <View key={m.id} role='listitem' className={`reminders__message${m.read ? '' : ' reminders__message--unread'}`}>
            <Text className='reminders__message-title'>{m.read ? text.title : `${text.title}（${t('reminders.unreadMark')}）`}</Text>
            <Text className='reminders__message-detail'>{text.detail}</Text>
            <Text className='reminders__message-meta'>
              {m.dueAt.slice(0, 16).replace('T', ' ')}
              {m.sentByWeChat ? ` · ${t('reminders.viaWeChat')}` : ''}
            </Text>
          </View>
        )
      })}
    </View>
  )
}
