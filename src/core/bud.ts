import { PETROL_CAR_GRAMS_PER_KM, YOUNG_TREE_DECADE_GRAMS } from './equivalents'

/**
 * The green bud on Home grows with a resident's cumulative CO2e. Each stage's threshold is a figure with a
 * meaning a resident can picture, cited in the Methodology (nothing here credits anything).
 */
export type BudStageId = 'seed' | 'sprout' | 'leaves' | 'sapling' | 'youngTree' | 'tree'

export interface BudStage {
  id: BudStageId
  /** cumulative grams of CO2e from which this stage shows */
  fromGrams: number
  meaning: string
  meaningZh: string
}

/** Ant Forest plants one real saxaul for 17,900 g of "green energy" (Alipay's published platform value). */
export const ANT_FOREST_SAXAUL_GRAMS = 17_900

export const BUD_STAGES: readonly BudStage[] = [
  { id: 'seed', fromGrams: 0, meaning: 'a seed: your first check-in starts it', meaningZh: '一颗种子：第一次打卡让它发芽' },
  {
    id: 'sprout',
    fromGrams: Math.ceil(PETROL_CAR_GRAMS_PER_KM),
    meaning: `one km not driven by petrol car (${PETROL_CAR_GRAMS_PER_KM} g, UK DESNZ 2024)`,
    meaningZh: `少开 1 公里汽油车（${PETROL_CAR_GRAMS_PER_KM} 克，英国 DESNZ 2024）`,
  },
  {
    id: 'leaves',
    fromGrams: YOUNG_TREE_DECADE_GRAMS / 120,
    meaning: "a month of a young urban tree's uptake (US EPA: 60 kg over its first 10 years)",
    meaningZh: '一棵城市小树一个月吸收的量（美国环保署：前 10 年共 60 千克）',
  },
  {
    id: 'sapling',
    fromGrams: YOUNG_TREE_DECADE_GRAMS / 10,
    meaning: "a year of a young urban tree's uptake (US EPA)",
    meaningZh: '一棵城市小树一年吸收的量（美国环保署）',
  },
  {
    id: 'youngTree',
    fromGrams: ANT_FOREST_SAXAUL_GRAMS,
    meaning: `what Ant Forest asks to plant one real saxaul (${ANT_FOREST_SAXAUL_GRAMS / 1000} kg)`,
    meaningZh: `蚂蚁森林种下一棵真梭梭所需的能量（${ANT_FOREST_SAXAUL_GRAMS / 1000} 千克）`,
  },
  {
    id: 'tree',
    fromGrams: YOUNG_TREE_DECADE_GRAMS,
    meaning: "a young urban tree's first ten years of uptake (US EPA: 0.060 t)",
    meaningZh: '一棵城市小树前十年吸收的量（美国环保署：0.060 吨）',
  },
]

export interface BudGrowth {
  stage: BudStage
  index: number
  next: BudStage | undefined
  /** 0..1 of the way from this stage to the next (1 at the last stage) */
  progress: number
  /** grams still to go to the next stage (0 at the last) */
  gramsToNext: number
}

export function budGrowth(totalGrams: number): BudGrowth {
  const grams = Number.isFinite(totalGrams) && totalGrams > 0 ? totalGrams : 0
  let index = 0
  for (let i = 0; i < BUD_STAGES.length; i++) if (grams >= BUD_STAGES[i].fromGrams) index = i
  const stage = BUD_STAGES[index]
  const next = BUD_STAGES[index + 1]
  if (!next) return { stage, index, next, progress: 1, gramsToNext: 0 }
  const span = next.fromGrams - stage.fromGrams
  return { stage, index, next, progress: (grams - stage.fromGrams) / span, gramsToNext: Math.ceil(next.fromGrams - grams) }
}
