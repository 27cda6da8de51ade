/**
 * Points as the app and the cloud both count them. Its own module so the client can name them without loading the
 * methodology's factor tables or the review rules.
 */

/** 10 g CO2e earn 1 point: close to Luzhou's ≈8 g, rounded to a figure residents can do in their heads. */
export const GRAMS_PER_POINT = 10

/**
 * Points a resident may spend: the balance less what is held for review. A flagged check-in's points are
 * held from the moment it is credited until an organizer confirms it, so a reversal always takes all of them
 * back — nothing bought with them can be cancelled or left to expire to get them back.
 */
export function spendablePoints(wallet: { pointsBalance: number; pointsHeld?: number }): number {
  return wallet.pointsBalance - (wallet.pointsHeld ?? 0)
}
