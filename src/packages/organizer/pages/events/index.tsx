import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ActionButton } from '@/components/ActionButton'
import { parseWhole } from '@/components/numberInput'
import { ChoiceItem, Choices } from '@/components/Choices'
import { Field } from '@/components/Field'
import { Notice } from '@/components/Notice'
import { useTextScale } from '@/components/TextScale'
import { useAction } from '@/components/useAction'
import { usePageTitle } from '@/components/usePageTitle'
import { useRequireSession } from '@/components/useSession'
import { errorText, usePackageT } from '@/components/useT'
import { EVENT_LIMITS, eventBudget, eventWhen, shanghaiInstant } from '@/core/events'
import { addDays, shanghaiDay } from '@/core/time'
import { CloudCallError } from '@/services/cloud'
import { currentPosition, LocationError } from '@/services/location'
import { saveTextFile } from '@/services/saveFile'
import { MESSAGES } from '../../messages'
import { ConfirmAction } from '../../parts/ConfirmAction'
import { RotatingCode } from '../../parts/RotatingCode'
import { ScopeLine } from '../../parts/ScopeLine'
import { fundablePoints, useOrganizerStore } from '../../store'

interface Draft {
  title: string
  place: string
  day: string
  start: string
  end: string
  slots: string
  rewardPoints: string
  communityId: string
  /** attendance also checks the phone's position within radiusM of latitude, longitude */
  checkLocation: boolean
  latitude: string
  longitude: string
  radiusM: string
}

const DEFAULT_RADIUS_M = 300
const DEGREES = /^-?\d{1,3}(\.\d+)?$/

/** The event's place as typed (WGS-84 degrees, a whole radius in metres), or undefined when it will not do. */
function readLocation(d: Draft): { latitude: number; longitude: number; radiusM: number } | undefined {
  const latitude = DEGREES.test(d.latitude.trim()) ? Number(d.latitude.trim()) : NaN
  const longitude = DEGREES.test(d.longitude.trim()) ? Number(d.longitude.trim()) : NaN
  const radiusM = parseWhole(d.radiusM)
  if (!(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) return undefined
  if (!(radiusM >= EVENT_LIMITS.minRadiusM && radiusM <= EVENT_LIMITS.maxRadiusM)) return undefined
  return { latitude, longitude, radiusM }
}

/** Degrees to 6 decimals (about 0.1 m), as a person would type them. */
const degreesText = (value: number) => String(Number(value.toFixed(6)))

/** Public-welfare events an organizer runs: announce one (its budget funded at once), show its attendance code on site, export who came. */
export default function EventsAdminPage() {
  const textScale = useTextScale()
  usePageTitle('organizer.events')
  const t = usePackageT(MESSAGES)
  const { events, communities, scope, treasury } = useOrganizerStore()
  const [draft, setDraft] = useState<Draft | undefined>()
  const [showing, setShowing] = useState<string | undefined>()
  const { run, busy, say, noticeProps } = useAction(t)
  const session = useRequireSession(() => {
    void run(async () => {
      await Promise.all([useOrganizerStore.getState().load(), useOrganizerStore.getState().loadEvents(), useOrganizerStore.getState().loadTreasury()])
    })
  })
  if (!session) return <View className='page' />
  const set = (field: Exclude<keyof Draft, 'checkLocation'>) => (value: string) => setDraft((d) => (d ? { ...d, [field]: value } : d))
  const communityName = (id: string) => (id ? communities.find((c) => c.id === id)?.name ?? id : t('station.cityWide'))

  function announce() {
    if (!draft) return
    const startsAt = shanghaiInstant(draft.day, draft.start)
    const endsAt = shanghaiInstant(draft.day, draft.end)
    const slots = parseWhole(draft.slots)
    const rewardPoints = parseWhole(draft.rewardPoints)
    if (!draft.title.trim() || !draft.place.trim() || !startsAt || !endsAt || !(slots >= 1) || Number.isNaN(rewardPoints)) {
      say('error', t('event.formError'))
      return
    }
    const location = draft.checkLocation ? readLocation(draft) : undefined
    if (draft.checkLocation && !location) {
      say('error', t('event.locationError', { min: EVENT_LIMITS.minRadiusM, max: EVENT_LIMITS.maxRadiusM }))
      return
    }
    void run(async () => {
      try {
        const event = await useOrganizerStore.getState().createEvent({
          title: draft.title.trim(),
          place: draft.place.trim(),
          startsAt,
          endsAt,
          slots,
          rewardPoints,
          ...(scope?.communityId === null ? { communityId: draft.communityId } : {}),
          ...(location ? { location } : {}),
        })
        setDraft(undefined)
        return t('event.created', { title: event.title })
      } catch (error) {
        // the purse could not pay: say how much it holds, fetched again, beside the budget
        if (!(error instanceof CloudCallError && error.code === 'INSUFFICIENT_POINTS')) throw error
        await useOrganizerStore.getState().loadTreasury().catch(() => undefined)
        const { treasury: fresh, scope: mine } = useOrganizerStore.getState()
        const left = fundablePoints(fresh, mine)
        if (left === undefined) throw error
        say('error', t(mine?.communityId === null ? 'event.shortCity' : 'event.shortCommunity', { left, budget: eventBudget(slots, rewardPoints) }))
      }
    })
  }

  function fillMyLocation() {
    void run(async () => {
      try {
        const here = await currentPosition()
        setDraft((d) => (d ? { ...d, latitude: degreesText(here.latitude), longitude: degreesText(here.longitude) } : d))
        return t('event.located')
      } catch (error) {
        if (!(error instanceof LocationError)) throw error
        say('error', t(error.code === 'DENIED' ? 'event.locationDenied' : 'event.locationUnavailable'))
      }
    })
  }

  const newDraft = (): Draft => ({
    title: '',
    place: '',
    day: addDays(shanghaiDay(Date.now()), 1),
    start: '09:00',
    end: '11:00',
    slots: '20',
    rewardPoints: '20',
    communityId: scope?.communityId ?? '',
    checkLocation: false,
    latitude: '',
    longitude: '',
    radiusM: String(DEFAULT_RADIUS_M),
  })
  const budget = draft ? eventBudget(parseWhole(draft.slots) || 0, parseWhole(draft.rewardPoints) || 0) : 0
  const fundable = fundablePoints(treasury, scope)

  return (
    <View className='page events-admin' style={textScale}>
      <ScopeLine scope={scope} communities={communities} t={t} />
      {noticeProps ? <Notice {...noticeProps} /> : null}
      {draft ? (
        <View className='card' id='event-form'>
          <Field id='event-title' label={t('event.title')} value={draft.title} onInput={set('title')} />
          <Field id='event-place' label={t('event.place')} value={draft.place} onInput={set('place')} />
          <Field id='event-day' label={t('event.day')} value={draft.day} onInput={set('day')} />
          <Field id='event-start' label={t('event.start')} value={draft.start} onInput={set('start')} />
          <Field id='event-end' label={t('event.end')} value={draft.end} onInput={set('end')} />
          <Field id='event-slots' label={t('event.slots')} type='number' value={draft.slots} onInput={set('slots')} />
          <Field id='event-reward' label={t('event.reward')} type='number' value={draft.rewardPoints} onInput={set('rewardPoints')} />
          {scope?.communityId === null ? (
            <Choices
              label={t('station.community')}
              value={draft.communityId}
              onChange={set('communityId')}
              options={[{ value: '', text: t('station.cityWide') }, ...communities.map((c) => ({ value: c.id, text: c.name }))]}
            />
          ) : null}
          <View className='choices'>
            <ChoiceItem
              role='checkbox'
              text={t('event.checkLocation')}
              on={draft.checkLocation}
              onPick={() => setDraft((d) => (d ? { ...d, checkLocation: !d.checkLocation } : d))}
            />
          </View>
          {draft.checkLocation ? (
            <View id='event-location'>
              <Text className='muted'>{t('event.locationHint')}</Text>
              <ActionButton variant='secondary' label={t('event.useMyLocation')} loading={busy} onClick={fillMyLocation} />
              <Field id='event-latitude' label={t('event.latitude')} value={draft.latitude} onInput={set('latitude')} />
              <Field id='event-longitude' label={t('event.longitude')} value={draft.longitude} onInput={set('longitude')} />
              <Field
                id='event-radius'
                label={t('event.radius', { min: EVENT_LIMITS.minRadiusM, max: EVENT_LIMITS.maxRadiusM })}
                type='number'
                value={draft.radiusM}
                onInput={set('radiusM')}
              />
            </View>
          ) : null}
          <Text className='muted' id='event-budget'>
            {t('event.budget', { points: budget })}
          </Text>
          {fundable === undefined ? null : (
            <Text className='muted' id='event-fundable'>
              {t(scope?.communityId === null ? 'event.fundableCity' : 'event.fundableCommunity', { points: fundable })}
              {budget > fundable ? ` · ${t('event.overFunds')}` : ''}
            </Text>
          )}
          <ActionButton label={t('event.new')} loading={busy} onClick={announce} />
          <ActionButton variant='secondary' label={t('me.cancel')} onClick={() => setDraft(undefined)} />
        </View>
      ) : (
        <ActionButton label={t('event.new')} onClick={() => setDraft(newDraft())} />
      )}
      {events.length === 0 && !busy ? <Text className='muted'>{t('event.none')}</Text> : null}
      {events.map((e) => (
        <View key={e.id} className='card' id={`managed-event-${e.id}`}>
          <Text className='card__title'>{e.title}</Text>
          <Text>{eventWhen(e.startsAt, e.endsAt)}</Text>
          <Text>{e.place}</Text>
          <Text className='muted'>
            {communityName(e.communityId)} · {t('event.taken', { taken: e.taken, slots: e.slots, points: e.rewardPoints })}
            {e.cancelled ? ` · ${t('event.cancelledMark')}` : ''}
          </Text>
          {e.location ? <Text className='muted'>{t('event.locationMark', { radius: e.location.radiusM })}</Text> : null}
          {e.cancelled ? null : showing === e.id ? (
            <View>
              <RotatingCode
                id={`event-code-${e.id}`}
                textId='event-code-text'
                codeKey={e.id}
                fetchCode={() => useOrganizerStore.getState().eventCode(e.id)}
                label={t('event.codeLabel', { title: e.title })}
                secondsLeft={(seconds) => t('display.left', { seconds })}
                describeError={(error) => errorText(t, error)}
              />
              <Text className='muted'>{t('event.codeHint')}</Text>
              <ActionButton variant='secondary' label={t('event.hideCode')} onClick={() => setShowing(undefined)} />
            </View>
          ) : (
            <ActionButton variant='secondary' label={t('event.showCodeNamed', { title: e.title })} onClick={() => setShowing(e.id)}>
              {t('event.showCode')}
            </ActionButton>
          )}
          {e.cancelled ? null : (
            <ConfirmAction
              label={t('event.callOffNamed', { title: e.title })}
              text={t('event.callOff')}
              question={t('event.callOffAsk', { title: e.title })}
              confirmLabel={t('event.callOffConfirm', { title: e.title })}
              cancelLabel={t('me.cancel')}
              busy={busy}
              onConfirm={() =>
                run(async () => {
                  await useOrganizerStore.getState().callOff(e.id)
                  setShowing(undefined)
                  return t('event.calledOff', { title: e.title })
                })
              }
            />
          )}
          <ActionButton
            variant='secondary'
            label={t('event.exportNamed', { title: e.title })}
            onClick={() =>
              run(async () => {
                const { filename, csv } = await useOrganizerStore.getState().exportEvent(e.id)
                const how = await saveTextFile(filename, csv, 'text/csv;charset=utf-8')
                return how === 'downloaded' ? t('organizer.exported', { filename }) : t('organizer.copied')
              })
            }
          >
            {t('event.export')}
          </ActionButton>
        </View>
      ))}
    </View>
  )
}
