import { harness, rid, type Caller, type Harness } from './harness'

let h: Harness
beforeEach(async () => {
  h = await harness({ organizers: ['boss'] })
})
afterEach(() => h.close())

const earn = (c: Caller, kg: number) => c.ok('checkIn', { requestId: rid(), kind: 'recycling', material: 'cardboard', weightKg: kg, stationCode: 'ST-HQ01' })

describe('public-good projects', () => {
  it('takes donations exactly once per requestId and totals them from the ledger', async () => {
    const a = await h.as('alice')
    const b = await h.as('bob')
    await earn(a, 1) // 346 points
    await earn(b, 1)
    const req = { requestId: rid(), projectId: 'pj-trees', points: 100 }
    const results = await Promise.all(Array.from({ length: 20 }, () => Promise.resolve().then(() => a.call('donate', req))))
    expect(new Set(results.map((r) => r.body.result.entry.id)).size).toBe(1)
    expect(results[0].body.result.entry).toMatchObject({ type: 'donate', points: -100, gramsCo2e: 0, ref: 'pj-trees' })
    expect(results[0].body.result.wallet).toMatchObject({ pointsBalance: 246, pointsSpent: 100 })
    await b.ok('donate', { requestId: rid(), projectId: 'pj-trees', points: 46 })
    const [project] = (await a.ok('listProjects')).projects
    expect(project).toMatchObject({ id: 'pj-trees', goalPoints: 50000, raisedPoints: 146, donors: 2, myPoints: 100 })
    expect((await a.error('donate', { ...req, points: 101 })).code).toBe('CONFLICT')
    expect(await a.error('donate', { requestId: rid(), projectId: 'pj-trees', points: 247 })).toMatchObject({ code: 'INSUFFICIENT_POINTS', status: 422 })
    expect((await a.error('donate', { requestId: rid(), projectId: 'pj-none', points: 1 })).code).toBe('NOT_FOUND')
    expect((await a.error('donate', { requestId: rid(), projectId: 'pj-trees', points: 0 })).code).toBe('INVALID_ARGUMENT')
    expect((await a.error('donate', { requestId: rid(), projectId: 'pj-trees', points: 1.5 })).code).toBe('INVALID_ARGUMENT')
    expect((await a.ok('verifyLedger')).ok).toBe(true)
  })

  it('issues a certificate backed by the donor’s hash chain, to the donor only', async () => {
    const a = await h.as('alice')
    await earn(a, 1)
    const { entry } = await a.ok('donate', { requestId: rid(), projectId: 'pj-trees', points: 120 })
    const { certificate } = await a.ok('getDonationCertificate', { entryId: entry.id })
    expect(certificate).toMatchObject({
      nickname: 'alice',
      projectTitle: '社区植树',
      points: 120,
      day: '2026-11-29',
      seq: entry.seq,
      entryHash: entry.hash,
    })
    expect(certificate.verificationCode).toBe(
      entry.hash
        .slice(0, 16)
        .toUpperCase()
        .replace(/(.{4})(?=.)/g, '$1-'),
    )
    const verify = await a.ok('verifyLedger')
    expect(verify).toMatchObject({ ok: true, headHash: entry.hash })
    expect((await (await h.as('bob')).error('getDonationCertificate', { entryId: entry.id })).code).toBe('NOT_FOUND')
    const checkin = (await a.ok('listLedger')).entries.find((e: any) => e.type === 'checkin')
    expect((await a.error('getDonationCertificate', { entryId: checkin.id })).code).toBe('NOT_FOUND')
  })

  it('lets only organizers open and close projects', async () => {
    const boss = await h.as('boss')
    const a = await h.as('alice')
    expect((await a.error('upsertProject', { title: 'x', goalPoints: 10 })).code).toBe('PERMISSION_DENIED')
    const { project } = await boss.ok('upsertProject', { title: '活动碳中和 Fair carbon-neutral', goalPoints: 2000 })
    expect((await a.ok('listProjects')).projects.map((p: any) => p.id)).toContain(project.id)
    await boss.ok('upsertProject', { id: project.id, title: project.title, goalPoints: 2000, active: false })
    expect((await a.ok('listProjects')).projects.map((p: any) => p.id)).not.toContain(project.id)
    expect((await a.error('donate', { requestId: rid(), projectId: project.id, points: 1 })).code).toBe('NOT_FOUND')
    expect((await boss.error('upsertProject', { title: 'x', goalPoints: 0 })).code).toBe('INVALID_ARGUMENT')
  })
})
