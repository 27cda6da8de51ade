import fc from 'fast-check'
import {
  canActOn,
  CITY_SCOPE,
  nextCommunityChangeMs,
  NO_COMMUNITY,
  offeredTo,
  savedCommunity,
  scopedCommunity,
  weekChangePercent,
  weekRanges,
  weekStart,
} from '../../src/core/community'
import { shanghaiDayStartMs } from '../../src/core/time'

const east = { communityId: 'cm_east' }

describe('community rules', () => {
  it('a city organizer acts on every community, a community organizer on their own only', () => {
    expect(canActOn(CITY_SCOPE, 'cm_west')).toBe(true)
    expect(canActOn(CITY_SCOPE, NO_COMMUNITY)).toBe(true)
    expect(canActOn(east, 'cm_east')).toBe(true)
    expect(canActOn(east, 'cm_west')).toBe(false)
    expect(canActOn(east, NO_COMMUNITY)).toBe(false)
    expect(scopedCommunity(east, 'cm_west')).toBe('cm_east')
    expect(scopedCommunity(CITY_SCOPE, 'cm_west')).toBe('cm_west')
    expect(scopedCommunity(CITY_SCOPE)).toBeUndefined()
  })

  it('what an organizer saves belongs to their community, or for the city the one asked, the one it had, else the city', () => {
    expect(savedCommunity(east, undefined, undefined)).toBe('cm_east')
    expect(savedCommunity(east, 'cm_east', 'cm_east')).toBe('cm_east')
    expect(savedCommunity(east, 'cm_west', undefined)).toBeNull()
    expect(savedCommunity(east, NO_COMMUNITY, undefined)).toBeNull()
    expect(savedCommunity(CITY_SCOPE, 'cm_west', 'cm_east')).toBe('cm_west')
    expect(savedCommunity(CITY_SCOPE, undefined, 'cm_east')).toBe('cm_east')
    expect(savedCommunity(CITY_SCOPE, undefined, undefined)).toBe(NO_COMMUNITY)
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom('cm_east', 'cm_west', ''), { nil: undefined }),
        fc.option(fc.constantFrom('cm_east', 'cm_west', ''), { nil: undefined }),
        (asked, current) => {
          const saved = savedCommunity(east, asked, current)
          // never anything but the organizer's own community
          return saved === null || saved === 'cm_east'
        },
      ),
    )
  })

  it('city-wide rewards are offered to everyone, a community reward to its residents', () => {
    expect(offeredTo(NO_COMMUNITY, 'cm_east')).toBe(true)
    expect(offeredTo(NO_COMMUNITY, NO_COMMUNITY)).toBe(true)
    expect(offeredTo('cm_east', 'cm_east')).toBe(true)
    expect(offeredTo('cm_east', 'cm_west')).toBe(false)
    expect(offeredTo('cm_east', NO_COMMUNITY)).toBe(false)
  })

  it('a first choice is free; the next change waits 30 Shanghai days', () => {
    expect(nextCommunityChangeMs(null)).toBe(0)
    const chosen = Date.parse('2026-11-29T23:30:00+08:00')
    expect(nextCommunityChangeMs(chosen)).toBe(shanghaiDayStartMs('2026-12-29'))
  })

  it('weeks run Monday to Sunday in Shanghai; this week against last in whole percent', () => {
    expect(weekStart('2026-11-30')).toBe('2026-11-30') // a Monday
    expect(weekStart('2026-11-29')).toBe('2026-11-23') // a Sunday
    expect(weekStart('2024-01-01')).toBe('2024-01-01')
    expect(weekStart('2023-12-31')).toBe('2023-12-25')
    expect(weekRanges('2026-12-02')).toEqual({
      thisWeek: { fromDay: '2026-11-30', toDay: '2026-12-02' },
      lastWeek: { fromDay: '2026-11-23', toDay: '2026-11-29' },
    })
    expect(weekChangePercent(150, 100)).toBe(50)
    expect(weekChangePercent(50, 200)).toBe(-75)
    expect(weekChangePercent(10, 0)).toBeNull()
  })
})
