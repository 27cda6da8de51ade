/**
 * Everyday equivalents of a reduction, each with its basis named so the claim can be checked, and each
 * published on the Methodology page. They translate grams a resident has saved; they credit nothing.
 */

export interface Equivalent {
  id: 'carKm' | 'treeDays' | 'phoneCharges'
  /** grams of CO2e that make one unit */
  gramsPerUnit: number
}

/** UK DESNZ 2024 average petrol car, tank-to-wheel: the same figure the EV and carpool factors start from. */
export const PETROL_CAR_GRAMS_PER_KM = 170.1
export const PETROL_CAR_SOURCE = 'UK DESNZ GHG conversion factors 2024, average petrol car'

/**
 * A young urban tree: US EPA Greenhouse Gas Equivalencies Calculator, 0.060 t CO2 per urban tree seedling
 * grown for 10 years, i.e. 60,000 g over 3,652 days.
 */
export const YOUNG_TREE_DECADE_GRAMS = 60_000
export const YOUNG_TREE_GRAMS_PER_DAY = Math.round((YOUNG_TREE_DECADE_GRAMS / 3652) * 10) / 10
export const YOUNG_TREE_SOURCE = 'US EPA Greenhouse Gas Equivalencies Calculator: 0.060 t CO2 per urban tree seedling grown for 10 years'

/**
 * A full smartphone charge, derived (not a methodology figure): 0.019 kWh per charge (US EPA Equivalencies
 * Calculator's smartphone charge) × China's grid 0.5366 kg CO2/kWh (MEE & NBS, 2022 average, published 2024).
 */
export const PHONE_CHARGE_KWH = 0.019
export const CHINA_GRID_GRAMS_PER_KWH = 536.6
export const PHONE_CHARGE_GRAMS = Math.round(PHONE_CHARGE_KWH * CHINA_GRID_GRAMS_PER_KWH * 10) / 10

export const EQUIVALENTS: readonly Equivalent[] = [
  { id: 'carKm', gramsPerUnit: PETROL_CAR_GRAMS_PER_KM },
  { id: 'treeDays', gramsPerUnit: YOUNG_TREE_GRAMS_PER_DAY },
  { id: 'phoneCharges', gramsPerUnit: PHONE_CHARGE_GRAMS },
]

/** How many units of an equivalent a reduction is, to one decimal (never rounds a real saving up to a unit it did not reach). */
export function equivalentUnits(gramsCo2e: number, equivalent: Equivalent): number {
  if (!(gramsCo2e > 0)) return 0
  return Math.floor((gramsCo2e / equivalent.gramsPerUnit) * 10) / 10
}

/** km not driven, to one decimal */
export function kmNotDriven(gramsCo2e: number): number {
  return Math.round((gramsCo2e / PETROL_CAR_GRAMS_PER_KM) * 10) / 10
}
