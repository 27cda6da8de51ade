/** Catalogue data a new install needs. Every insert is keyed, so restarting never duplicates anything. */
import type { Station } from '../src/contract/types'
import { METHODOLOGY_VERSION, methodologyVersions } from '../src/core/methodology'
import { withKindFactors } from '../src/core/kinds'
import type { Db } from './storage/port'
import { newStationSecret } from './communities/stationCodes'
import type { RewardSeed } from './rewards/queries'
import { saveMethodology, saveProject } from './public/queries'
import { upsertStation, listStations, setStationSecretIfAbsent } from './communities/queries'
import { getMeta, setMeta } from './storage/meta'
import { seedReward } from './rewards/queries'

export const SEED_STATIONS: Station[] = [
  { code: 'ST-HQ01', name: '社区服务中心回收站', nameEn: 'Community Centre', materials: ['paper', 'cardboard', 'plastic', 'metal', 'glass', 'textile'] },
  { code: 'ST-PK02', name: '滨河公园智能回收箱', nameEn: 'Riverside Park kiosk', materials: ['plastic', 'metal', 'glass'] },
  { code: 'ST-MK03', name: '菜市场纸品回收点', nameEn: 'Market paper point', materials: ['paper', 'cardboard'] },
  { code: 'ST-SC04', name: '学校旧衣回收箱', nameEn: 'School clothes bin', materials: ['textile'] },
]

export const SEED_REWARDS: RewardSeed[] = [
  {
    id: 'rw-tote',
    title: '帆布购物袋',
    titleEn: 'Canvas tote bag',
    description: '可重复使用的购物袋',
    descriptionEn: 'A reusable shopping bag',
    pointsCost: 200,
    stock: 50,
    perUserLimit: 1,
    validDays: 14,
  },
  {
    id: 'rw-bus',
    title: '公交乘车券',
    titleEn: 'Bus ride voucher',
    description: '一次市内公交',
    descriptionEn: 'One bus ride in the city',
    pointsCost: 50,
    stock: 500,
    perUserLimit: 5,
    validDays: 30,
  },
  {
    id: 'rw-plant',
    title: '绿萝盆栽',
    titleEn: 'Potted plant',
    description: '社区服务中心领取',
    descriptionEn: 'Collect it at the Community Centre',
    pointsCost: 500,
    stock: 20,
    perUserLimit: 1,
    validDays: 14,
  },
]

export const SEED_PROJECT = {
  id: 'pj-trees',
  title: '社区植树',
  titleEn: 'Community tree planting',
  description: '每 1,000 积分种下一棵树',
  descriptionEn: '1,000 points plant one tree',
  goalPoints: 50_000,
  active: true,
}

export async function seedCatalogue(storage: Db): Promise<void> {
  await storage.transaction(async (tx) => {
    // Every version stays: entries cite the one they were credited under. A kind's own factors (src/core/kinds)
    // join the version in force; rows are only ever added, so no entry's factor changes.
    for (const m of methodologyVersions()) await saveMethodology(tx, m.version === METHODOLOGY_VERSION ? withKindFactors(m) : m)
    for (const station of SEED_STATIONS) await upsertStation(tx, station)
    // Every station gets a secret for its rotating display code (kept if it has one: codes on screens stay valid).
    for (const station of await listStations(tx)) await setStationSecretIfAbsent(tx, station.code, newStationSecret())
    if ((await getMeta(tx, 'rewards_seeded')) === undefined) {
      for (const reward of SEED_REWARDS) await seedReward(tx, reward)
      await saveProject(tx, SEED_PROJECT)
      await setMeta(tx, 'rewards_seeded', new Date().toISOString())
    }
  })
}
