/** The demo's partners (issue 24): a bike-share operator and a smart bin, the demo resident linked at both. */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { allEntries, harness } from './harness'
import { rowsOf } from './partnerSend'

it('registers a bike-share operator and a smart bin, links the demo resident, and leaves their credentials for the simulator', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'glp-demo-')), 'partner-demo.json')
  process.env.PARTNER_DEMO_STATE = file
  const { seedDemoData, DEMO_HANDLE } = require('../../mock/demo') as typeof import('../../mock/demo')
  const h = await harness({ organizers: ['boss'] })
  try {
    await seedDemoData(h.cloud)
    const demo = await h.as(DEMO_HANDLE)
    const entries = await allEntries(demo)
    expect(entries.filter((e) => e.evidence === 'operator')).toEqual([expect.objectContaining({ factorId: 'travel.bike', distanceM: 2400 })])
    expect(entries.filter((e) => e.evidence === 'scale')).toEqual([
      expect.objectContaining({ factorId: 'recycling.paper', weightG: 1800, stationCode: 'ST-RS05' }),
    ])
    const saved = JSON.parse(readFileSync(file, 'utf8'))
    // The simulator signs as the demo's partners with what the demo left.
    const ride = {
      rowId: 'sim-1',
      partnerUserId: saved.trips.partnerUserId,
      mode: 'bike',
      distanceKm: 3,
      startedAt: new Date(h.clock.ms - 15 * 60_000).toISOString(),
      endedAt: new Date(h.clock.ms).toISOString(),
    }
    expect(await rowsOf(h, saved.trips, 'trips', [ride])).toEqual([expect.objectContaining({ status: 'accepted' })])
    expect((await demo.ok('verifyLedger')).ok).toBe(true)
  } finally {
    await h.close()
    delete process.env.PARTNER_DEMO_STATE
  }
})
