/**
 * Issue 23: rewards, stations, projects, communities and events carry a Chinese name where the name always was
 * (old clients read it) and an optional English one beside it. Create and update with both, an old client's
 * update (no English field) keeps the English name, '' clears it, and bad names are refused at the boundary.
 */
import { harness, NOW, rid, stockTreasury, type Caller, type Harness } from './harness'

let h: Harness
let boss: Caller
beforeEach(async () => {
  h = await harness({ organizers: ['boss'] })
  boss = await h.as('boss')
})
afterEach(() => h.close())

const reward = { title: '帆布袋', titleEn: 'Canvas bag', description: '可重复使用', descriptionEn: 'Reusable', pointsCost: 100, stock: 5 }

describe('two names on every catalogue object', () => {
  it('a reward: created with both, listed with both, renamed by an old client without losing the English name, cleared by ""', async () => {
    const made = (await boss.ok('upsertReward', reward)).reward
    expect(made).toMatchObject({ title: '帆布袋', titleEn: 'Canvas bag', description: '可重复使用', descriptionEn: 'Reusable' })
    const ann = await h.as('ann')
    expect((await ann.ok('listRewards')).rewards.find((r: any) => r.id === made.id)).toMatchObject({ title: '帆布袋', titleEn: 'Canvas bag' })
    const renamed = (await boss.ok('upsertReward', { id: made.id, title: '大帆布袋', pointsCost: 100, stock: 5 })).reward
    expect(renamed).toMatchObject({ title: '大帆布袋', titleEn: 'Canvas bag', descriptionEn: 'Reusable' })
    const cleared = (await boss.ok('upsertReward', { id: made.id, title: '大帆布袋', titleEn: '', pointsCost: 100, stock: 5 })).reward
    expect(cleared.titleEn).toBeUndefined()
    expect(cleared.descriptionEn).toBe('Reusable')
  })

  it('the seeded catalogue is split: Chinese where the name was, English beside it', async () => {
    const ann = await h.as('ann')
    expect((await ann.ok('listRewards')).rewards.find((r: any) => r.id === 'rw-tote')).toMatchObject({ title: '帆布购物袋', titleEn: 'Canvas tote bag' })
    expect((await ann.ok('listStations')).stations.find((s: any) => s.code === 'ST-HQ01')).toMatchObject({
      name: '社区服务中心回收站',
      nameEn: 'Community Centre',
    })
    expect((await ann.ok('listProjects')).projects[0]).toMatchObject({ title: '社区植树', titleEn: 'Community tree planting' })
  })

  it('a station, a project, a community and an event take both names; without an English one the field is absent', async () => {
    const station = (await boss.ok('upsertStation', { code: 'ST-3', name: '3号站', nameEn: 'Station 3', materials: ['paper'] })).station
    expect(station).toMatchObject({ name: '3号站', nameEn: 'Station 3' })
    expect((await boss.ok('upsertStation', { code: 'ST-3', name: '三号站', materials: ['paper'] })).station).toMatchObject({
      name: '三号站',
      nameEn: 'Station 3',
    })
    const bare = (await boss.ok('upsertStation', { code: 'ST-4', name: '四号站', materials: ['paper'] })).station
    expect('nameEn' in bare).toBe(false)

    const project = (await boss.ok('upsertProject', { title: '河道清洁', titleEn: 'River clean-up', goalPoints: 1000 })).project
    expect(project).toMatchObject({ title: '河道清洁', titleEn: 'River clean-up' })
    expect('descriptionEn' in project).toBe(false)

    const community = (await boss.ok('upsertCommunity', { name: '滨河社区', nameEn: 'Riverside' })).community
    expect(community).toEqual({ id: community.id, name: '滨河社区', nameEn: 'Riverside' })
    expect((await boss.ok('listCommunities')).communities).toContainEqual({ id: community.id, name: '滨河社区', nameEn: 'Riverside' })
    const ann = await h.as('ann')
    expect((await ann.ok('setMyCommunity', { communityId: community.id })).community).toEqual({ id: community.id, name: '滨河社区', nameEn: 'Riverside' })

    await stockTreasury(boss, 10_000)
    const event = (
      await boss.ok('createEvent', {
        requestId: rid(),
        title: '植树活动',
        titleEn: 'Tree planting',
        place: '滨河公园',
        startsAt: new Date(NOW + 23 * 3_600_000).toISOString(),
        endsAt: new Date(NOW + 25 * 3_600_000).toISOString(),
        slots: 2,
        rewardPoints: 10,
        communityId: '',
      })
    ).event
    expect(event).toMatchObject({ title: '植树活动', titleEn: 'Tree planting' })
    expect((await ann.ok('listEvents', {})).events.find((e: any) => e.id === event.id)).toMatchObject({ titleEn: 'Tree planting' })
  })

  it('refuses a missing or over-long Chinese name, an over-long English one, and Chinese in the English field', async () => {
    const refused = async (name: string, data: Record<string, unknown>) => {
      const e = await boss.error(name, data)
      expect(e.code).toBe('INVALID_ARGUMENT')
      return e.message
    }
    expect(await refused('upsertReward', { ...reward, title: ' ' })).toMatch(/title must not be empty/)
    expect(await refused('upsertReward', { ...reward, title: '袋'.repeat(61) })).toMatch(/title must be at most 60/)
    expect(await refused('upsertReward', { ...reward, titleEn: 'x'.repeat(61) })).toMatch(/titleEn must be at most 60/)
    expect(await refused('upsertReward', { ...reward, titleEn: '帆布袋 Canvas bag' })).toMatch(/titleEn is the English text/)
    expect(await refused('upsertReward', { ...reward, descriptionEn: 'Reusable\u202E' })).toMatch(/descriptionEn contains a text-direction override/)
    expect(await refused('upsertStation', { code: 'ST-5', name: '五号站', nameEn: 'S'.repeat(41), materials: ['paper'] })).toMatch(/nameEn must be at most 40/)
    expect(await refused('upsertProject', { title: '河道', titleEn: '河道', goalPoints: 10 })).toMatch(/titleEn is the English text/)
    expect(await refused('upsertCommunity', { name: '东湖社区', nameEn: 'Admin' })).toMatch(/nameEn "Admin" is reserved/)
    expect(await refused('upsertCommunity', { nameEn: 'East Lake' })).toMatch(/name/)
  })
})
