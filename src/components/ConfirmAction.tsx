import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'

export interface ConfirmActionProps {
  /** the button's accessible name ("Retire <name>") and its text ("Retire") */
  label: string
  text: string
  /** what asking once more says, and the confirming button's name */
  question: string
  confirmLabel: string
  cancelLabel: string
  busy: boolean
  /** the action (through the page's useAction run): the question closes once it succeeds */
  onConfirm(): Promise<boolean>
}

/**
 * An action that cannot be undone (retiring a station, calling an event off, revoking a partner, removing a link):
 * it asks once more, in place. Used by subpackage pages only, so it stays out of the main package.
 */
export function ConfirmAction({ label, text, question, confirmLabel, cancelLabel, busy, onConfirm }: ConfirmActionProps) {
  const [asking, setAsking] = useState(false)
  if (!asking) {
    return (
      <ActionButton variant='secondary' label={label} onClick={() => setAsking(true)}>
        {text}
      </ActionButton>
    )
  }
  return (
    <View className='confirm-action'>
      <Text>{question}</Text>
      <ActionButton label={confirmLabel} loading={busy} onClick={() => void onConfirm().then((done) => done && setAsking(false))} />
      <ActionButton variant='secondary' label={cancelLabel} onClick={() => setAsking(false)} />
    </View>
  )
}
