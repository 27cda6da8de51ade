import {
  CHINA_GRID_GRAMS_PER_KWH,
  type Equivalent,
  PETROL_CAR_GRAMS_PER_KM,
  PETROL_CAR_SOURCE,
  PHONE_CHARGE_GRAMS,
  PHONE_CHARGE_KWH,
  YOUNG_TREE_GRAMS_PER_DAY,
  YOUNG_TREE_SOURCE,
} from './equivalents'

/** Where each equivalent's figure comes from, in both languages: read on the Methodology page only. */
export const EQUIVALENT_SOURCES: Record<Equivalent['id'], { source: string; sourceZh: string }> = {
  carKm: {
    source: `${PETROL_CAR_SOURCE}: ${PETROL_CAR_GRAMS_PER_KM} g per km`,
    sourceZh: `英国 DESNZ 2024 温室气体换算因子，汽油车平均 ${PETROL_CAR_GRAMS_PER_KM} 克/公里`,
  },
  treeDays: {
    source: `${YOUNG_TREE_SOURCE}: ${YOUNG_TREE_GRAMS_PER_DAY} g a day`,
    sourceZh: `美国环保署温室气体当量计算器：城市树苗生长 10 年吸收 0.060 吨 CO2，约每天 ${YOUNG_TREE_GRAMS_PER_DAY} 克`,
  },
  phoneCharges: {
    source: `Derived: ${PHONE_CHARGE_KWH} kWh per full charge (US EPA Equivalencies Calculator) × China grid ${CHINA_GRID_GRAMS_PER_KWH} g/kWh (MEE & NBS 2024) = ${PHONE_CHARGE_GRAMS} g`,
    sourceZh: `推算：每次充满 ${PHONE_CHARGE_KWH} 千瓦时（美国环保署当量计算器）× 全国电网 ${CHINA_GRID_GRAMS_PER_KWH} 克/千瓦时（生态环境部、国家统计局 2024 年公布）= ${PHONE_CHARGE_GRAMS} 克`,
  },
}
