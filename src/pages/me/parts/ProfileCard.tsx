import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { Field } from '@/components/Field'
import type { Action } from '@/components/useAction'
import { freeTextProblem, isReservedName } from '@/contract/text'
import type { Translate, MessageKey } from '@/i18n'
import type { Session } from '@/store/types'
import { useAppStore } from '@/store'

/** Why a nickname would be refused (the cloud's own rules, checked before sending), or undefined. */
function nicknameProblem(nickname: string): MessageKey | undefined {
  const trimmed = nickname.normalize('NFC').trim()
  if (!trimmed) return 'me.nicknameEmpty'
  if (freeTextProblem(trimmed)) return 'me.nicknameInvalid'
  if (isReservedName(trimmed)) return 'me.nicknameReserved'
  return undefined
}

/** Who is signed in, their roles and ID, and the nickname, checked by the cloud's rules before it is sent. */
export function ProfileCard({ session, action: { run }, t }: { session: Session; action: Action; t: Translate }) {
  const [nickname, setNickname] = useState<string | undefined>()
  const [nicknameError, setNicknameError] = useState<MessageKey | undefined>()
  const save = () => {
    const problem = nicknameProblem(nickname ?? '')
    if (problem) {
      setNicknameError(problem)
      return
    }
    void run(async () => {
      await useAppStore.getState().updateNickname(nickname ?? '')
      setNickname(undefined)
    })
  }
  return (
    <View className='card'>
      <Text className='card__title' id='me-nickname'>
        {session.nickname}
      </Text>
      <Text className='muted'>{session.roles.map((r) => t(r === 'organizer' ? 'me.organizer' : 'me.resident')).join(' · ')}</Text>
      {/* what an organizer asks for to appoint this person (and what `npm run admin` takes) */}
      <Text className='muted' id='me-openid' userSelect>
        ID {session.openid}
      </Text>
      <Field
        id='nickname'
        label={t('me.nickname')}
        value={nickname ?? session.nickname}
        error={nicknameError && t(nicknameError, { name: (nickname ?? '').trim() })}
        onInput={(value) => {
          setNickname(value)
          setNicknameError(undefined)
        }}
      />
      <ActionButton variant='secondary' label={t('me.saveNickname')} disabled={nickname === undefined || nickname.trim() === session.nickname} onClick={save} />
    </View>
  )
}
