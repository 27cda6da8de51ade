/**
 * The economy invariant under random use: check-ins, redeems, cancels, expiries, review decisions, donations,
 * joins, leaves, removals, fundings and the challenge completions they cause, in any order. After every
 * sequence auditEconomy holds (points issued = carbon points + funded budget spent, budgets never overspent, the
 * books balance), every ledger verifies, and nobody can spend more than they have unheld. Runs on both engines.
 */
import fc from 'fast-check'
import { ENGINE } from '../support/database'
import { harness, rid, stockTreasury, trip, type Caller } from './harness'

const DAY = 24 * 3600 * 1000
const MATERIALS = ['paper', 'cardboard', 'plastic', 'metal', 'glass', 'textile'] as const
const MODES = ['walk', 'bike', 'bus', 'metro', 'ev', 'carpool'] as const

const who = fc.nat(2)
const action = fc.oneof(
  fc.record({
    t: fc.constant('trip' as const),
    who,
    mode: fc.constantFrom(...MODES),
    km: fc.double({ min: 0.2, max: 15, noNaN: true }),
    endedMinutesAgo: fc.nat(40 * 60),
  }),
  fc.record({
    t: fc.constant('drop' as const),
    who,
    material: fc.constantFrom(...MATERIALS),
    kg: fc.double({ min: 0.1, max: 12, noNaN: true }),
    endedMinutesAgo: fc.nat(40 * 60),
  }),
  fc.record({ t: fc.constant('redeem' as const), who }),
  fc.record({ t: fc.constant('cancel' as const), who }),
  fc.record({ t: fc.constant('expire' as const) }),
  fc.record({ t: fc.constant('review' as const), reverse: fc.boolean() }),
  fc.record({ t: fc.constant('donate' as const), who, points: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ t: fc.constant('join' as const), who, open: fc.boolean() }),
  fc.record({ t: fc.constant('leave' as const), who, removed: fc.boolean() }),
  fc.record({ t: fc.constant('fund' as const), open: fc.boolean(), points: fc.integer({ min: 1, max: 60 }) }),
)

it('holds after random sequences of everything that moves points (property)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 25 }), async (actions) => {
      const h = await harness({ organizers: ['boss'], tokenTtlSeconds: 365 * 24 * 3600 })
      try {
        const boss = await h.as('boss')
        await stockTreasury(boss, 100_000)
        const lead = await h.as('lead')
        const people: Caller[] = [await h.as('p0'), await h.as('p1'), await h.as('p2')]
        const { group } = await lead.ok('createGroup', { name: 'G' })
        const days = { startDay: '2026-11-27', endDay: '2026-12-31' }
        const groupChallenge = (
          await lead.ok('createChallenge', {
            groupId: group.id,
            title: 'Group',
            metric: 'checkins',
            targetPerMember: 2,
            targetGroup: 4,
            bonusPoints: 20,
            ...days,
          })
        ).challenge
        const openChallenge = (
          await boss.ok('createChallenge', { title: 'Open', metric: 'gramsCo2e', targetPerMember: 400, bonusPoints: 15, budgetPoints: 30, ...days })
        ).challenge
        const vouchers: string[][] = [[], [], []]
        for (const a of actions) {
          const p = 'who' in a ? people[a.who] : undefined
          switch (a.t) {
            case 'trip':
              await p!.call('checkIn', trip(a.mode, a.km, { occurredAt: new Date(h.clock.ms - a.endedMinutesAgo * 60_000).toISOString() }))
              break
            case 'drop':
              await p!.call('checkIn', {
                requestId: rid(),
                kind: 'recycling',
                material: a.material,
                weightKg: a.kg,
                stationCode: 'ST-HQ01',
                occurredAt: new Date(h.clock.ms - a.endedMinutesAgo * 60_000).toISOString(),
              })
              break
            case 'redeem': {
              const out = await p!.call('redeem', { requestId: rid(), rewardId: 'rw-bus' })
              if (out.status === 200) vouchers[a.who].push(out.body.result.redemption.id)
              break
            }
            case 'cancel': {
              const id = vouchers[a.who].shift()
              if (id) await p!.call('cancelRedemption', { redemptionId: id })
              break
            }
            case 'expire':
              h.clock.ms += 31 * DAY
              await h.cloud.sweepExpired()
              break
            case 'review': {
              const [item] = (await boss.ok('listReviewQueue', { limit: 1 })).items
              if (item) await boss.ok('decideReview', { reviewId: item.id, decision: a.reverse ? 'reverse' : 'confirm' })
              break
            }
            case 'donate':
              await p!.call('donate', { requestId: rid(), projectId: 'pj-trees', points: a.points })
              break
            case 'join':
              if (a.open) await p!.call('joinChallenge', { challengeId: openChallenge.id })
              else {
                await p!.call('joinGroup', { inviteCode: group.inviteCode })
                await p!.call('joinChallenge', { challengeId: groupChallenge.id })
              }
              break
            case 'leave':
              if (a.removed) await lead.call('removeMember', { groupId: group.id, memberId: p!.openid })
              else await p!.call('leaveGroup', { groupId: group.id })
              break
            case 'fund':
              // refused once the challenge has finished (the clock moves on with each expiry)
              await boss.call('fundChallenge', { requestId: rid('fund'), challengeId: a.open ? openChallenge.id : groupChallenge.id, points: a.points })
              break
          }
        }
        const audit = await boss.ok('auditEconomy')
        expect(audit.checks.filter((c: any) => !c.ok)).toEqual([])
        for (const c of [...people, lead, boss]) {
          const again = await h.as(c === lead ? 'lead' : c === boss ? 'boss' : `p${people.indexOf(c)}`)
          expect((await again.ok('verifyLedger')).ok).toBe(true)
          const { wallet } = await again.ok('getWallet')
          expect(wallet.pointsHeld).toBeGreaterThanOrEqual(0)
          expect(wallet.pointsBalance - wallet.pointsHeld).toBeGreaterThanOrEqual(0)
        }
      } finally {
        await h.close() // audits once more
      }
    }),
    { numRuns: ENGINE === 'mysql' ? 12 : 60 },
  )
}, 240_000)
