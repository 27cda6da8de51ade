import { Text, View } from '@tarojs/components'
import { ActionButton } from '@/components/ActionButton'
import { parseWhole } from '@/components/numberInput'
import { ChoiceItem, Choices } from '@/components/Choices'
import { Field } from '@/components/Field'
import type { Action } from '@/components/useAction'
import type { Community, OrganizerScopeView, TreasuryView } from '@/contract/types'
import { EVENT_LIMITS, eventBudget, shanghaiInstant } from '@/core/events'
import { addDays, shanghaiDay } from '@/core/time'
import type { Translate } from '@/i18n'
import type { MessageKey } from '@/i18n/messages'
import { CloudCallError } from '@/services/cloud'
import { currentPosition, LocationError } from '@/services/location'
import type { PackageKey } from '../../../messages'
import { fundablePoints, useOrganizerStore } from '../../../store'
import { localName } from '@/i18n/localName'
import { selectLang, useAppStore } from '@/store'

export interface Draft {
  title: string
  titleEn: string
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

/** A new event's form as it opens: tomorrow morning, twenty places at twenty points, the organizer's own community. */
export const newDraft = (scope: OrganizerScopeView | undefined): Draft => ({
  title: '',
  titleEn: '',
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

interface EventFormProps {
  draft: Draft
  setDraft(update: (d: Draft | undefined) => Draft | undefined): void
  action: Action
  t: Translate<MessageKey | PackageKey>
  scope: OrganizerScopeView | undefined
  communities: Community[]
  treasury: TreasuryView | undefined
}

/** Announcing an event: checked here before sending, its budget against what the organizer's purse can fund. */
export function EventForm({ draft, setDraft, action, t, scope, communities, treasury }: EventFormProps) {
  const lang = useAppStore(selectLang)
  const { busy } = action
  const set = (field: Exclude<keyof Draft, 'checkLocation'>) => (value: string) => setDraft((d) => (d ? { ...d, [field]: value } : d))
  const budget = eventBudget(parseWhole(draft.slots) || 0, parseWhole(draft.rewardPoints) || 0)
  const fundable = fundablePoints(treasury, scope)
  const announce = () => announceEvent(draft, { action, t, scope, done: () => setDraft(() => undefined) })

  return (
    <View className='card' id='event-form'>
      <Field id='event-title' label={t('event.title')} hint={t('organizer.nameZhHint')} value={draft.title} onInput={set('title')} />
      <Field id='event-title-en' label={t('organizer.fieldTitleEn')} value={draft.titleEn} onInput={set('titleEn')} />
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
          options={[{ value: '', text: t('station.cityWide') }, ...communities.map((c) => ({ value: c.id, text: localName(c, lang) }))]}
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
      {draft.checkLocation ? <LocationFields draft={draft} setDraft={setDraft} action={action} t={t} /> : null}
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
      <ActionButton variant='secondary' label={t('me.cancel')} onClick={() => setDraft(() => undefined)} />
    </View>
  )
}

/** Where attendance is checked: typed in degrees, or filled from this phone's position, and a radius. */
function LocationFields({ draft, setDraft, action: { run, busy, say }, t }: Pick<EventFormProps, 'draft' | 'setDraft' | 'action' | 't'>) {
  const set = (field: 'latitude' | 'longitude' | 'radiusM') => (value: string) => setDraft((d) => (d ? { ...d, [field]: value } : d))
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
  return (
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
  )
}

/** Checks the form, then announces; a purse too small for the budget is answered with what it holds. */
function announceEvent(
  draft: Draft,
  { action: { run, say }, t, scope, done }: { action: Action; t: Translate<MessageKey | PackageKey>; scope: OrganizerScopeView | undefined; done(): void },
) {
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
        ...(draft.titleEn.trim() ? { titleEn: draft.titleEn.trim() } : {}),
        place: draft.place.trim(),
        startsAt,
        endsAt,
        slots,
        rewardPoints,
        ...(scope?.communityId === null ? { communityId: draft.communityId } : {}),
        ...(location ? { location } : {}),
      })
      done()
      return t('event.created', { title: localName(event, useAppStore.getState().lang) })
    } catch (error) {
      // the purse could not pay: say how much it holds, fetched again, beside the budget
      if (!(error instanceof CloudCallError && error.code === 'INSUFFICIENT_POINTS')) throw error
      await useOrganizerStore
        .getState()
        .loadTreasury()
        .catch(() => undefined)
      const { treasury: fresh, scope: mine } = useOrganizerStore.getState()
      const left = fundablePoints(fresh, mine)
      if (left === undefined) throw error
      say('error', t(mine?.communityId === null ? 'event.shortCity' : 'event.shortCommunity', { left, budget: eventBudget(slots, rewardPoints) }))
    }
  })
}
