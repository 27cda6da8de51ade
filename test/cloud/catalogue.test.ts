import { FACTORS, METHODOLOGY_VERSION } from '../../src/core/methodology'
import { harness } from './harness'
import { getMethodology } from '../../mock/public/queries'

describe('catalogue', () => {
  it('serves the seeded methodology with every factor, source and version', async () => {
    const h = await harness()
    const m = await (await h.as('alice')).ok('getMethodology')
    expect(m.version).toBe(METHODOLOGY_VERSION)
    expect(m.gramsPerPoint).toBe(10)
    expect(m.version).toBe('2026.3')
    expect(m.factors).toHaveLength(16) // 2026.1's twelve, verified steps and three scenes
    expect(m.factors.map((f: any) => f.id)).toEqual(FACTORS.map((f) => f.id))
    expect(m.factors.find((f: any) => f.id === 'steps.werun')).toMatchObject({
      id: 'steps.werun',
      kind: 'steps',
      unit: '10k steps',
      gramsPerUnit: 164,
      dailyCapGrams: 296,
    })
    expect(m.history.map((v: any) => v.version)).toEqual(['2026.3', '2026.2', '2026.1'])
    // entries keep the version they were credited under: 2026.1 is still in the database
    expect((await getMethodology(h.cloud.store, '2026.1'))?.factors).toHaveLength(12)
    const bus = m.factors.find((f: any) => f.key === 'bus')
    expect(bus).toMatchObject({ kind: 'travel', unit: 'km', gramsPerUnit: 26, maxKmh: 80, sourceVersion: expect.stringContaining('Shenzhen') })
    await h.close()
  })

  it('lists at least three stations with the materials they take', async () => {
    const h = await harness()
    const { stations } = await (await h.as('alice')).ok('listStations')
    expect(stations.length).toBeGreaterThanOrEqual(3)
    expect(stations.find((s: any) => s.code === 'ST-MK03').materials).toEqual(['paper', 'cardboard'])
    await h.close()
  })

  it('rejects extra fields on functions that take none', async () => {
    const h = await harness()
    expect(await (await h.as('alice')).error('listStations', { all: true })).toMatchObject({ code: 'INVALID_ARGUMENT', status: 400 })
    await h.close()
  })
})
