import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { BadgeList } from '@/components/BadgeList'
import { Choices } from '@/components/Choices'
import { Field } from '@/components/Field'
import { Notice } from '@/components/Notice'
import { useTextScale } from '@/components/TextScale'
import { usePageTitle } from '@/components/usePageTitle'
import { LOGIN_URL, PRIVACY_URL, useRequireSession } from '@/components/useSession'
import type { MyDataExport } from '@/contract/types'
import { freeTextProblem, isReservedName } from '@/contract/text'
import { formatKg, type Lang, type MessageKey } from '@/i18n'
import { useAction } from '@/components/useAction'
import { useT } from '@/components/useT'
import { saveTextFile } from '@/services/saveFile'
import { selectLang, useAppStore } from '@/store'
import { selectUnread } from '@/store/reminders'
import type { TextSize } from '@/store/types'
import './index.scss'

const REMINDERS_URL = '/packages/me/pages/reminders/index'
const COMMUNITY_URL = '/packages/me/pages/community/index'
const CITY_URL = '/packages/public/pages/city/index'
const ORGANIZER_TOOLS = [
  ['verify', 'organizer.verify'],
  ['review', 'organizer.review'],
  ['stats', 'organizer.stats'],
  ['rewards', 'organizer.rewards'],
  ['display', 'organizer.display'],
  ['stations', 'organizer.stations'],
  ['projects', 'organizer.projects'],
  ['communities', 'organizer.communities'],
  ['events', 'organizer.events'],
  ['treasury', 'organizer.treasury'],
] as const

/** H5 saves the JSON file; WeChat copies a readable summary, since it cannot save files for the user. */
async function deliverExport(data: MyDataExport): Promise<{ how: 'downloaded' | 'copied'; filename: string }> {
  const filename = `green-life-${data.profile.openid}-${data.exportedAt.slice(0, 10)}.json`
  const summary = [
    `${data.profile.nickname} · ${data.exportedAt}`,
    `points ${data.wallet.pointsBalance} · ${formatKg(data.wallet.gramsCo2eTotal)} kg CO2e · ${data.entries.length} entries`,
    `ledger ${data.verification.ok ? 'verified' : 'FAILED'} · head ${data.verification.headHash}`,
    ...data.entries.map((e) => `${e.seq} ${e.day} ${e.type} ${e.factorId ?? e.ref ?? ''} ${e.gramsCo2e}g ${e.points}pt ${e.hash.slice(0, 12)}`),
  ].join('\n')
  return { how: await saveTextFile(filename, JSON.stringify(data, null, 2), 'application/json', summary), filename }
}

/** Why a nickname would be refused (the cloud's own rules, checked before sending), or undefined. */
function nicknameProblem(nickname: string): MessageKey | undefined {
  const trimmed = nickname.normalize('NFC').trim()
  if (!trimmed) return 'me.nicknameEmpty'
  if (freeTextProblem(trimmed)) return 'me.nicknameInvalid'
  if (isReservedName(trimmed)) return 'me.nicknameReserved'
  return undefined
}

export default function MePage() {
  const textScale = useTextScale()
  usePageTitle('title.me', { tabPage: true })
  const t = useT()
  const lang = useAppStore(selectLang)
  const textSize = useAppStore((s) => s.textSize)
  const unread = useAppStore(selectUnread)
  const { setLang, logout, updateNickname, exportMyData, deleteAccount, loadAchievements } = useAppStore.getState()
  const achievements = useAppStore((s) => s.achievements)
  const myCommunity = useAppStore((s) => s.myCommunity)
  const session = useRequireSession(() => {
    loadAchievements().catch(() => undefined)
    useAppStore.getState().loadInbox().catch(() => undefined)
    useAppStore.getState().loadMyCommunity().catch(() => undefined)
  })
  const [nickname, setNickname] = useState<string | undefined>()
  const [nicknameError, setNicknameError] = useState<MessageKey | undefined>()
  const [confirmingDelete, setConfirmingDelete] = useState(false)
  const { run, noticeProps } = useAction(t)
  if (!session) return <View className='page' />

  return (
    <View className='page me' style={textScale}>
      <View className='card'>
        <Text className='card__title' id='me-nickname'>
          {session.nickname}
        </Text>
        <Text className='muted'>
          {session.roles.map((r) => t(r === 'organizer' ? 'me.organizer' : 'me.resident')).join(' · ')}
        </Text>
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
        <ActionButton
          variant='secondary'
          label={t('me.saveNickname')}
          disabled={nickname === undefined || nickname.trim() === session.nickname}
          onClick={() => {
            const problem = nicknameProblem(nickname ?? '')
            if (problem) {
              setNicknameError(problem)
              return
            }
            void run(async () => {
              await updateNickname(nickname ?? '')
              setNickname(undefined)
            })
          }}
        />
      </View>
      {noticeProps ? <Notice {...noticeProps} /> : null}
      {achievements ? (
        <View>
          <View className='section-title'>{t('me.badges')}</View>
          <BadgeList badges={achievements.badges} t={t} lang={lang} />
          <Text className='muted'>{t('home.streak', { days: achievements.streakDays })}</Text>
        </View>
      ) : null}
      <View className='section-title'>{t('me.language')}</View>
      <Choices<Lang>
        label={t('me.language')}
        value={lang}
        onChange={setLang}
        options={[
          { value: 'zh-CN', text: '简体中文' },
          { value: 'en', text: 'English' },
        ]}
      />
      <View className='section-title'>{t('me.textSize')}</View>
    <Choices<TextSize>
      label={t('me.textSize')}
      value={textSize ?? 'standard'}
      onChange={(size) => useAppStore.getState().setTextSize(size)}
      options={[
        { value: 'standard', text: t('me.textStandard') },
        { value: 'large', text: t('me.textLarge') },
        { value: 'larger', text: t('me.textLarger') },
      ]}
    />
    {session.roles.includes('organizer') ? (
        <View>
          <View className='section-title'>{t('me.organizerTools')}</View>
          {ORGANIZER_TOOLS.map(([page, key]) => (
            <ActionButton
              key={page}
              variant='secondary'
              label={t(key)}
              onClick={() => Taro.navigateTo({ url: `/packages/organizer/pages/${page}/index` })}
            />
          ))}
        </View>
      ) : null}
      <ActionButton
        variant='secondary'
        label={myCommunity?.community ? `${t('me.community')}：${myCommunity.community.name}` : t('me.community')}
        onClick={() => Taro.navigateTo({ url: COMMUNITY_URL })}
      />
      <ActionButton variant='secondary' label={t('city.title')} onClick={() => Taro.navigateTo({ url: CITY_URL })} />
      <ActionButton
        variant='secondary'
        label={unread > 0 ? `${t('reminder.open')}（${t('reminder.unread', { count: unread })}）` : t('reminder.open')}
        onClick={() => Taro.navigateTo({ url: REMINDERS_URL })}
      />
      <ActionButton
        variant='secondary'
        label={t('me.export')}
        onClick={() =>
          run(async () => {
            const { how, filename } = await deliverExport(await exportMyData())
            return how === 'downloaded' ? t('me.exported', { filename }) : t('me.exportCopied')
          })
        }
      />
      <ActionButton
        variant='secondary'
        label={t('home.methodology')}
        onClick={() => Taro.navigateTo({ url: '/packages/about/pages/methodology/index' })}
      />
      <ActionButton variant='secondary' label={t('privacy.title')} onClick={() => Taro.navigateTo({ url: PRIVACY_URL })} />
      <ActionButton
        variant='secondary'
        label={t('me.logout')}
        onClick={() => {
          logout()
          Taro.navigateTo({ url: LOGIN_URL })
        }}
      />
      {confirmingDelete ? (
        <View className='card'>
          <Notice tone='warning' lines={[t('me.deleteWarn')]} />
          <ActionButton
            label={t('me.deleteConfirm')}
            onClick={() =>
              run(async () => {
                await deleteAccount()
                await Taro.navigateTo({ url: LOGIN_URL })
              })
            }
          />
          <ActionButton variant='secondary' label={t('me.cancel')} onClick={() => setConfirmingDelete(false)} />
        </View>
      ) : (
        <ActionButton variant='secondary' label={t('me.delete')} onClick={() => setConfirmingDelete(true)} />
      )}
      <View className='section-title'>{t('me.about')}</View>
      <Text className='muted'>{t('me.aboutText')}</Text>
    </View>
  )
}
