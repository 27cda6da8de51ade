import { View } from '@tarojs/components'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Field } from '@/components/Field'
import type { Action } from '@/components/useAction'
import type { Translate } from '@/i18n'
import { useAppStore } from '@/store'

export interface GroupFormsProps {
  t: Translate
  action: Action
  /** an invite code that came with the page (a shared card) */
  initialInvite: string
}

/** Start a group, or join one with its invite code. */
export function GroupForms({ t, action, initialInvite }: GroupFormsProps) {
  const [groupName, setGroupName] = useState('')
  const [invite, setInvite] = useState(initialInvite)
  return (
    <View>
      <Field id='group-name' label={t('ch.groupName')} value={groupName} onInput={setGroupName} />
      <ActionButton
        variant='secondary'
        label={t('ch.createGroup')}
        disabled={!groupName.trim()}
        onClick={() =>
          void action.run(async () => {
            await useAppStore.getState().createGroup(groupName.trim())
            setGroupName('')
          })
        }
      />
      <Field id='invite-code' label={t('ch.inviteCode')} value={invite} onInput={setInvite} />
      <ActionButton
        variant='secondary'
        label={t('ch.joinGroup')}
        disabled={!invite.trim()}
        onClick={() =>
          void action.run(async () => {
            await useAppStore.getState().joinGroup(invite)
            setInvite('')
          })
        }
      />
    </View>
  )
}
