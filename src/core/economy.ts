/**
 * The economy invariant: every point in any wallet is backed either by credited carbon or by a budget drawn from
 * a purse the treasury allocated, from points a city organizer issued. auditEconomy checks it (and the books around it) over totals read from the whole database;
 * the cloud tests run it after every scenario.
 */
import type { AuditCheck, EconomyAudit, LedgerEntryType } from '../contract/types'

export interface EconomyTotals {
  /** Σ points of ledger entries, by type */
  entryPoints: Record<LedgerEntryType, number>
  wallets: { balance: number; earned: number; spent: number; held: number; heldAboveBalance: number }
  budgets: {
    funded: number
    spent: number
    /** challenges that paid more than their budget */
    overspent: number
    /** Σ of the organizers' funding records */
    fundingRecords: number
    /** challenges whose bonus entries do not add up to their spent budget */
    bonusMismatch: number
  }
  /** check-ins whose points are worth more than their grams at their methodology's rate */
  checkinsOverGrams: number
  redemptions: { costAll: number; costReturned: number }
  /** Σ points of check-ins waiting in the review queue, and of the bonuses they triggered (held with them) */
  openReviewPoints: number
  /** Σ points (negative) of adjust entries that took back a bonus whose triggering check-in was reversed */
  bonusReversals: number
  /** the treasury's counter row and the records it must equal (src/core/treasury) */
  treasury: { issued: number; allocated: number; issuanceRecords: number; allocationRecords: number }
  /** purses whose granted ≠ Σ their allocations, or spent ≠ Σ their fundings − returns (a funding from an unknown purse counts) */
  pursesOff: number
  /** Σ points budgets gave back to their purses when they closed */
  budgetReturns: number
  /** wallets with grams, points or held points below zero */
  walletsBelowZero: number
  /** entries (check-ins, bonuses) reversed by more than one adjust entry */
  reversedTwice: number
  /** vouchers whose refunds are not one if cancelled or expired and none otherwise, or whose closing does not match their state */
  vouchersOff: number
  /** bonus entries paid to whoever created the event, or created or funded the challenge, that paid them */
  selfPaid: number
}

export function auditEconomy(t: EconomyTotals): EconomyAudit {
  const p = t.entryPoints
  // Adjust entries reverse check-ins (carbon) or, naming no factor, take back a bonus (budget points).
  const carbonPoints = p.checkin + p.adjust - t.bonusReversals
  const check = (name: string, expected: number, actual: number): AuditCheck => ({ name, ok: expected === actual, expected, actual })
  const checks = [
    check('points issued = carbon points + budget spent', carbonPoints + t.budgets.spent, t.wallets.earned),
    check('bonus entries − bonuses taken back = budget spent', t.budgets.spent, p.bonus + t.bonusReversals),
    check('each challenge: its bonus entries = its spent budget (challenges that differ)', 0, t.budgets.bonusMismatch),
    check('budgets never overspent (challenges over budget)', 0, t.budgets.overspent),
    check('every budget point was drawn from a purse (fundings − returns)', t.budgets.funded, t.budgets.fundingRecords - t.budgetReturns),
    check('the treasury: issued = Σ issuances', t.treasury.issuanceRecords, t.treasury.issued),
    check('the treasury: allocated = Σ allocations', t.treasury.allocationRecords, t.treasury.allocated),
    check('the treasury never allocated more than it issued (points over)', 0, Math.max(0, t.treasury.allocated - t.treasury.issued)),
    check('each purse: granted = its allocations, spent = its fundings − returns (purses that differ)', 0, t.pursesOff),
    check('check-in points backed by their grams (check-ins worth more)', 0, t.checkinsOverGrams),
    check('balances = Σ of all entries', p.checkin + p.adjust + p.bonus + p.redeem + p.refund + p.donate, t.wallets.balance),
    check('points spent = vouchers + donations − refunds', -(p.redeem + p.donate) - p.refund, t.wallets.spent),
    check("redeem entries = the vouchers' cost", t.redemptions.costAll, -p.redeem),
    check('refunds = the cost of cancelled and expired vouchers', t.redemptions.costReturned, p.refund),
    check('held points = check-ins under review + the bonuses they triggered', t.openReviewPoints, t.wallets.held),
    check('no wallet holds more than its balance (wallets that do)', 0, t.wallets.heldAboveBalance),
    check("no person's grams or points below zero (wallets)", 0, t.walletsBelowZero),
    check('no entry reversed twice (entries)', 0, t.reversedTwice),
    check('each voucher settled once: one refund if cancelled or expired, none otherwise (vouchers that differ)', 0, t.vouchersOff),
    check('no organizer paid by their own event or challenge (bonus entries)', 0, t.selfPaid),
  ]
  return { ok: checks.every((c) => c.ok), checks, pointsIssued: t.wallets.earned, carbonPoints, budgetSpent: t.budgets.spent }
}
