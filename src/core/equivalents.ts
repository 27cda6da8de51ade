/**
 * Everyday equivalents of a reduction, with the basis named so the claim can be checked: kilometres of
 * petrol-car driving avoided, at the UK DESNZ 2024 average petrol car figure (the same one the EV and
 * carpool factors start from).
 */
export const PETROL_CAR_GRAMS_PER_KM = 170.1
export const PETROL_CAR_SOURCE = 'UK DESNZ GHG conversion factors 2024, average petrol car'

/** km not driven, to one decimal */
export function kmNotDriven(gramsCo2e: number): number {
  return Math.round((gramsCo2e / PETROL_CAR_GRAMS_PER_KM) * 10) / 10
}
