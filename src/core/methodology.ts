/**
 * The crediting methodology: one factor per behaviour, each traceable to a published figure.
 * Why each figure was picked is written beside it (and shown to residents on the Methodology page).
 * Rule of thumb from the T/ACEF 031-2022 family: where sources disagree, take the conservative one.
 *
 * Changing any figure means a new METHODOLOGY_VERSION: entries already written keep the version and
 * factor they were computed with, so history never silently changes meaning.
 */
import type { Factor, Methodology } from '../contract/types'

/**
 * 2026.2 added verified WeRun steps, 2026.3 low-carbon scenes at venues; entries written before keep their version
 * and its factors.
 */
export const METHODOLOGY_VERSION = '2026.3'

import { GRAMS_PER_POINT } from './points'

export { GRAMS_PER_POINT }

/** The factors of version 2026.1: every manual check-in kind. */
export const FACTORS_2026_1: readonly Factor[] = Object.freeze([
  {
    id: 'travel.walk',
    kind: 'travel',
    key: 'walk',
    unit: 'km',
    gramsPerUnit: 23,
    dailyCapGrams: 296,
    maxKmh: 12,
    source: 'Luzhou 绿芽积分 platform value: 500 steps = 8.2 g CO2e (≈ 23.4 g/km at 0.7 m per step)',
    sourceVersion: 'Luzhou Green Bud Points, 2023',
    sourceZh: '泸州“绿芽积分”平台取值：500 步 = 8.2 克二氧化碳当量（按每步 0.7 米，约合 23.4 克/公里）',
    sourceVersionZh: '泸州绿芽积分，2023 年',
    rationale: 'Rounded down to 23 g/km. Cap 296 g a day, the walking cap Ant Forest uses (≈ 12.9 km). Above 12 km/h it is not walking.',
    rationaleZh: '向下取整为 23 克/公里。每日上限 296 克，与蚂蚁森林的步行上限相同（约 12.9 公里）。时速超过 12 公里就不是步行了。',
  },
  {
    id: 'travel.bike',
    kind: 'travel',
    key: 'bike',
    unit: 'km',
    gramsPerUnit: 33,
    dailyCapGrams: 990,
    maxKmh: 30,
    source: 'Hello bike enterprise standard (reviewed by 广州碳排放权交易所): 33.88 g/pkm for shared bicycles',
    sourceVersion: 'Hellobike standard, 2022',
    sourceZh: '哈啰单车企业标准（经广州碳排放权交易所评审）：共享单车每人公里 33.88 克',
    sourceVersionZh: '哈啰企业标准，2022 年',
    rationale:
      "Chosen over Wuhan's 40 g/km platform value because it is lower (conservative) and documented. Cap 990 g (30 km) a day. Above 30 km/h it is not a bicycle trip.",
    rationaleZh: '没有采用武汉平台 40 克/公里的数值，因为这个数值更低（更保守）且有文件依据。每日上限 990 克（30 公里）。时速超过 30 公里就不是骑自行车了。',
  },
  {
    id: 'travel.bus',
    kind: 'travel',
    key: 'bus',
    unit: 'km',
    gramsPerUnit: 26,
    dailyCapGrams: 1040,
    maxKmh: 80,
    source: '《深圳市低碳公共出行碳普惠方法学（试行）》: battery-electric bus, 26.9 g/pkm reduction vs general urban travel',
    sourceVersion: 'Shenzhen low-carbon public transport methodology (trial), 2021',
    sourceZh: '《深圳市低碳公共出行碳普惠方法学（试行）》：纯电动公交相对一般城市出行，每人公里减排 26.9 克',
    sourceVersionZh: '深圳市低碳公共出行碳普惠方法学（试行），2021 年',
    rationale: 'Mixed urban-travel baseline (the conservative one), rounded down. Cap 1,040 g (40 km) a day. Above 80 km/h is no city bus.',
    rationaleZh: '采用城市混合出行基准（更保守的一种），向下取整。每日上限 1,040 克（40 公里）。时速超过 80 公里不可能是市内公交。',
  },
  {
    id: 'travel.metro',
    kind: 'travel',
    key: 'metro',
    unit: 'km',
    gramsPerUnit: 46,
    dailyCapGrams: 1380,
    maxKmh: 160,
    source: '《深圳市低碳公共出行碳普惠方法学（试行）》: metro, 46.8 g/pkm reduction vs general urban travel',
    sourceVersion: 'Shenzhen low-carbon public transport methodology (trial), 2021',
    sourceZh: '《深圳市低碳公共出行碳普惠方法学（试行）》：地铁相对一般城市出行，每人公里减排 46.8 克',
    sourceVersionZh: '深圳市低碳公共出行碳普惠方法学（试行），2021 年',
    rationale: 'Mixed urban-travel baseline, rounded down. Cap 1,380 g (30 km) a day. 160 km/h admits airport express lines.',
    rationaleZh: '采用城市混合出行基准，向下取整。每日上限 1,380 克（30 公里）。160 公里的时速上限可以容纳机场快线。',
  },
  {
    id: 'travel.ev',
    kind: 'travel',
    key: 'ev',
    unit: 'km',
    gramsPerUnit: 89,
    dailyCapGrams: 1780,
    maxKmh: 130,
    source:
      'Derived: petrol car 170.1 g/vkm (UK DESNZ GHG conversion factors 2024) − EV on the China grid ≈ 80.5 g/vkm (15 kWh/100 km × 0.5366 kg/kWh, MEE & NBS 2022 grid average)',
    sourceVersion: 'DESNZ 2024; MEE/NBS grid factor announced Dec 2024',
    sourceZh:
      '推算值：汽油车每车公里 170.1 克（英国能源安全与净零排放部 DESNZ 2024 年温室气体换算因子）减去中国电网下的电动车约 80.5 克（每百公里 15 千瓦时 × 0.5366 千克/千瓦时，生态环境部、国家统计局 2022 年全国电网平均排放因子）',
    sourceVersionZh: 'DESNZ 2024；生态环境部、国家统计局 2024 年 12 月公布的电网排放因子',
    rationale:
      "A derivation, not a published methodology: the car-substitution baseline with the lower (UK) petrol figure, rounded down. Cap 1,780 g (20 km) a day; above 130 km/h breaks China's 120 km/h limit.",
    rationaleZh:
      '这是推算值，不是已发布的方法学：以替代燃油车为基准，取较低的（英国）汽油车数值，向下取整。每日上限 1,780 克（20 公里）；时速超过 130 公里已超出中国 120 公里的限速。',
  },
  {
    id: 'travel.carpool',
    kind: 'travel',
    key: 'carpool',
    unit: 'km',
    gramsPerUnit: 68,
    dailyCapGrams: 1360,
    maxKmh: 130,
    source:
      "T/CCAA 38-2021 formula: the passenger's avoided car trip, 170.1 g/vkm (DESNZ 2024) less a 20 % detour allowance, shared equally by driver and passenger",
    sourceVersion: 'T/CCAA 38-2021; DESNZ 2024',
    sourceZh: 'T/CCAA 38-2021 的计算方法：乘客避免的一次汽车出行，每车公里 170.1 克（DESNZ 2024），扣除 20% 绕路余量后由司机和乘客平分',
    sourceVersionZh: 'T/CCAA 38-2021；DESNZ 2024',
    rationale: '170.1 × 0.8 ÷ 2 = 68 g per person-km. Cap 1,360 g (20 km) a day; same speed limit as a car.',
    rationaleZh: '170.1 × 0.8 ÷ 2 = 每人每公里 68 克。每日上限 1,360 克（20 公里）；速度上限与小汽车相同。',
  },
  {
    id: 'recycling.paper',
    kind: 'recycling',
    key: 'paper',
    unit: 'kg',
    gramsPerUnit: 3460,
    dailyCapGrams: 34600,
    source: 'US EPA WARM v16: corrugated cardboard −3.14 MTCO2E per short ton (3.46 kg/kg); mixed paper is 3.91',
    sourceVersion: 'WARM v16, Dec 2023',
    sourceZh: '美国环保署废弃物减量模型（US EPA WARM v16）：瓦楞纸板每短吨 −3.14 吨二氧化碳当量（每千克 3.46 千克）；混合纸为 3.91',
    sourceVersionZh: 'WARM v16，2023 年 12 月',
    rationale: "Unsorted household paper is credited at the lower cardboard figure rather than mixed paper's 3.91 (conservative). Cap 10 kg a day.",
    rationaleZh: '未分类的家庭废纸按较低的纸板数值计，而不是混合纸的 3.91（更保守）。每日上限 10 公斤。',
  },
  {
    id: 'recycling.cardboard',
    kind: 'recycling',
    key: 'cardboard',
    unit: 'kg',
    gramsPerUnit: 3460,
    dailyCapGrams: 34600,
    source: 'US EPA WARM v16: corrugated cardboard −3.14 MTCO2E per short ton',
    sourceVersion: 'WARM v16, Dec 2023',
    sourceZh: '美国环保署废弃物减量模型（US EPA WARM v16）：瓦楞纸板每短吨 −3.14 吨二氧化碳当量',
    sourceVersionZh: 'WARM v16，2023 年 12 月',
    rationale: '3.46 kg CO2e avoided per kg. Cap 10 kg a day.',
    rationaleZh: '每公斤避免 3.46 公斤 CO2e。每日上限 10 公斤。',
  },
  {
    id: 'recycling.plastic',
    kind: 'recycling',
    key: 'plastic',
    unit: 'kg',
    gramsPerUnit: 840,
    dailyCapGrams: 4200,
    source: 'US EPA WARM v16: HDPE 0.84 kg/kg (PP 0.87, PET 1.15)',
    sourceVersion: 'WARM v16, Dec 2023',
    sourceZh: '美国环保署废弃物减量模型（US EPA WARM v16）：高密度聚乙烯（HDPE）每千克 0.84 千克（PP 0.87，PET 1.15）',
    sourceVersionZh: 'WARM v16，2023 年 12 月',
    rationale: 'Mixed plastics take the lowest member, HDPE. Cap 5 kg a day.',
    rationaleZh: '混合塑料按其中数值最低的 HDPE 计。每日上限 5 公斤。',
  },
  {
    id: 'recycling.metal',
    kind: 'recycling',
    key: 'metal',
    unit: 'kg',
    gramsPerUnit: 2020,
    dailyCapGrams: 10100,
    source: 'US EPA WARM v16: steel cans 2.02 kg/kg (aluminium cans 10.06)',
    sourceVersion: 'WARM v16, Dec 2023',
    sourceZh: '美国环保署废弃物减量模型（US EPA WARM v16）：钢罐每千克 2.02 千克（铝罐 10.06）',
    sourceVersionZh: 'WARM v16，2023 年 12 月',
    rationale: '"Metal" mixes steel and aluminium; it takes steel, the conservative member. Cap 5 kg a day.',
    rationaleZh: '“金属”包括钢和铝，按更保守的钢计。每日上限 5 公斤。',
  },
  {
    id: 'recycling.glass',
    kind: 'recycling',
    key: 'glass',
    unit: 'kg',
    gramsPerUnit: 310,
    dailyCapGrams: 3100,
    source: 'US EPA WARM v16: glass 0.31 kg/kg',
    sourceVersion: 'WARM v16, Dec 2023',
    sourceZh: '美国环保署废弃物减量模型（US EPA WARM v16）：玻璃每千克 0.31 千克',
    sourceVersionZh: 'WARM v16，2023 年 12 月',
    rationale: 'Cap 10 kg a day.',
    rationaleZh: '每日上限 10 公斤。',
  },
  {
    id: 'recycling.textile',
    kind: 'recycling',
    key: 'textile',
    unit: 'kg',
    gramsPerUnit: 1280,
    dailyCapGrams: 12800,
    source: 'Luzhou 绿芽积分 (绿普惠 algorithm): 1 kg of old clothes = 1,280 g CO2e',
    sourceVersion: 'Luzhou Green Bud Points, 2023',
    sourceZh: '泸州“绿芽积分”（绿普惠算法）：1 千克旧衣物 = 1,280 克二氧化碳当量',
    sourceVersionZh: '泸州绿芽积分，2023 年',
    rationale: 'The only published per-kg figure for clothes in a Chinese scheme. Cap 10 kg a day.',
    rationaleZh: '这是中国碳普惠方案中唯一公开的衣物每公斤数值。每日上限 10 公斤。',
  },
] satisfies Factor[])

/**
 * Verified steps (version 2026.2). 10,000 steps = 164 g: Luzhou's 500 steps = 8.2 g, the figure its Green Bud
 * scheme publishes, × 20. The cap is the walking cap (296 g, Ant Forest's), shared with manual walks: a day with
 * verified steps counts its walking once, the larger of the two sources.
 */
export const STEPS_FACTOR: Factor = Object.freeze({
  id: 'steps.werun',
  kind: 'steps',
  key: 'werun',
  unit: '10k steps',
  gramsPerUnit: 164,
  dailyCapGrams: 296,
  source: 'Luzhou 绿芽积分: 500 steps = 8.2 g CO2e (≈ 23 g/km at 0.7 m a step); steps verified by WeChat WeRun',
  sourceVersion: 'Luzhou Green Bud Points, 2023',
  sourceZh: '泸州“绿芽积分”：500 步 = 8.2 克二氧化碳当量（按每步 0.7 米约合 23 克/公里）；步数由微信运动核验',
  sourceVersionZh: '泸州绿芽积分，2023 年',
  rationale:
    "Steps WeChat counted and signed, not typed in. 500 steps = 8.2 g as Luzhou publishes it; the day's cap is the walking cap, and a day's steps and manual walks are one walk: the larger source counts.",
  rationaleZh: '微信运动记录并签名的步数，而非手动填写。按泸州公布的 500 步 = 8.2 克计；每日上限与步行相同，同一天的步数与手动步行视为同一次步行，取较大者。',
}) satisfies Factor

/**
 * Low-carbon scenes at venues (version 2026.3), one occurrence each, credited only with the venue display's code.
 * Only behaviours with a cited figure: own shopping bag is left out (the UK Environment Agency's 2011 carrier-bag
 * LCA gives its results per month of shopping, not per bag, and no per-bag figure could be cited).
 */
export const SCENE_FACTORS: readonly Factor[] = Object.freeze([
  {
    id: 'scene.cup',
    kind: 'scene',
    key: 'cup',
    unit: 'time',
    gramsPerUnit: 55,
    dailyCapGrams: 165,
    source:
      'Alliance for Environmental Innovation (Environmental Defense Fund) and Starbucks, Report of the Joint Task Force: a 16 oz paper hot cup with sleeve ≈ 0.24 lb (≈ 110 g) CO2 to make and ship',
    sourceVersion: 'EDF / Starbucks joint task force report, 2000',
    sourceZh: '环境创新联盟（美国环保协会 EDF）与星巴克联合工作组报告：一只 16 盎司带杯套的纸质热饮杯，生产与运输约排放 0.24 磅（约 110 克）二氧化碳',
    sourceVersionZh: 'EDF 与星巴克联合工作组报告，2000 年',
    rationale:
      'Half the disposable cup’s 110 g is credited (55 g): the source does not count the reusable cup’s own making and washing, so half is left for them (conservative). At most 3 a day (165 g).',
    rationaleZh: '只计一次性纸杯 110 克的一半（55 克）：来源没有计算自带杯本身的生产与清洗，留出一半给它们（更保守）。每天最多 3 次（165 克）。',
  },
  {
    id: 'scene.tableware',
    kind: 'scene',
    key: 'tableware',
    unit: 'time',
    gramsPerUnit: 20,
    dailyCapGrams: 60,
    source: 'Tianjin 北方网 / 津云新闻 (2022-03): one pair of disposable wooden chopsticks not used avoids about 20 g CO2',
    sourceVersion: 'Tianjin enorth.com.cn / Jinyun News, March 2022',
    sourceZh: '天津北方网、津云新闻（2022 年 3 月）：少用一双一次性木筷，约减少 20 克碳排放',
    sourceVersionZh: '天津北方网、津云新闻，2022 年 3 月',
    rationale:
      'A meal without disposable tableware is credited as one pair of chopsticks (20 g) whatever else it saves (cup, spoon, box), the conservative reading. At most 3 meals a day (60 g).',
    rationaleZh: '一餐不用一次性餐具只按一双筷子计（20 克），不计杯、勺、餐盒等其他节省，是保守的取法。每天最多 3 餐（60 克）。',
  },
  {
    id: 'scene.plate',
    kind: 'scene',
    key: 'plate',
    unit: 'time',
    gramsPerUnit: 144,
    dailyCapGrams: 288,
    source: 'Luzhou 绿芽积分 (绿普惠 algorithm, 中华环保联合会): one clean-plate check-in = 144 g CO2e, as reported by Guangming Daily, 2024-10-10',
    sourceVersion: 'Luzhou Green Bud Points, 2024',
    sourceZh: '泸州“绿芽积分”（中华环保联合会绿普惠算法）：光盘打卡 1 次 = 144 克二氧化碳当量（光明日报 2024 年 10 月 10 日报道）',
    sourceVersionZh: '泸州绿芽积分，2024 年',
    rationale: 'The figure a running Chinese scheme publishes per clean plate, as it is. At most 2 meals a day (288 g).',
    rationaleZh: '采用正在运行的中国碳普惠平台公布的每次光盘数值，不作调整。每天最多 2 餐（288 克）。',
  },
] satisfies Factor[])

/** The factors in force: 2026.1's, verified steps and the scenes at venues. */
export const FACTORS: readonly Factor[] = Object.freeze([...FACTORS_2026_1, STEPS_FACTOR, ...SCENE_FACTORS])

export const METHODOLOGY_HISTORY = Object.freeze([
  {
    version: '2026.3',
    changes:
      'Adds low-carbon scenes at venues, each credited only with the venue display’s code: own cup 55 g (EDF/Starbucks), no disposable tableware 20 g (Tianjin), clean plate 144 g (Luzhou). Own shopping bag is left out: no per-bag figure could be cited.',
    changesZh:
      '新增场所低碳场景，只凭场所屏幕上的动态码记录：自带杯 55 克（EDF/星巴克）、不用一次性餐具 20 克（天津）、光盘 144 克（泸州）。自带购物袋暂不计入：找不到可引用的每只袋子的数值。',
  },
  {
    version: '2026.2',
    changes: 'Adds verified WeChat WeRun steps (10,000 steps = 164 g, Luzhou), sharing the walking cap with manual walks. Entries credited before keep 2026.1.',
    changesZh: '新增微信运动步数（经微信验证；1 万步 = 164 克，泸州系数），与手动步行共用步行上限。此前的记录仍按 2026.1 计。',
  },
  {
    version: '2026.1',
    changes: 'Twelve factors: six travel modes and six recycled materials, each with a source, a daily cap and a reason.',
    changesZh: '十二个系数：六种出行方式与六类回收物，每个都有来源、每日上限和取值理由。',
  },
])

export function methodology(): Methodology {
  return { version: METHODOLOGY_VERSION, gramsPerPoint: GRAMS_PER_POINT, factors: FACTORS.map((f) => ({ ...f })) }
}

/** Every version ever in force, oldest first: a database keeps them all, since entries cite theirs. */
export function methodologyVersions(): Methodology[] {
  return [
    { version: '2026.1', gramsPerPoint: GRAMS_PER_POINT, factors: FACTORS_2026_1.map((f) => ({ ...f })) },
    { version: '2026.2', gramsPerPoint: GRAMS_PER_POINT, factors: [...FACTORS_2026_1, STEPS_FACTOR].map((f) => ({ ...f })) },
    methodology(),
  ]
}
