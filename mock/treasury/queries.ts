/**
 * The treasury: issuances, purses and their allocations, budget fundings and returns, and the economy audit.
 * Statements in the common SQL subset, run through the executor (MySQL's differences are rewritten by the engine).
 */
import { everyRow, pastBound } from '../storage/bounds'
import { sql, type Db } from '../storage/port'
import { COMMUNITIES_BOUND } from '../communities/queries'

/**
 * Fundings of one budget: its creation's, and each fundChallenge by an organizer, so a handful. Closing the budget
 * gives back to every one of them, so the read sees all or refuses.
 */
export const FUNDINGS_PER_BUDGET_BOUND = 10_000
/** Purses: the city's own and one per community that was ever allocated points. */
export const PURSES_LIMIT = COMMUNITIES_BOUND + 1

/** An issuance into the city's treasury: who, when, why, and the month whose cap it counts against. */
export interface IssuanceRecord {
  id: string
  openid: string
  points: number
  reason: string
  month: string
  createdAt: string
}

/** Points moved from the treasury into a purse: a community's allowance, or '' the city's own. */
export interface AllocationRecord {
  id: string
  purse: string
  openid: string
  points: number
  reason: string
  createdAt: string
}

/** Points drawn from a purse into a challenge's or an event's budget. */
export interface FundingRecord {
  id: string
  budgetId: string
  purse: string
  openid: string
  points: number
  createdAt: string
}

/** What a budget gave back to its purse when it closed. */
export type BudgetReturnRecord = FundingRecord

export interface PurseRecord {
  purse: string
  grantedPoints: number
  spentPoints: number
}

/** A challenge's or an event's budget, as the sweep that closes it sees it. */
export interface OpenBudget {
  table: 'challenges' | 'events'
  id: string
  budgetPoints: number
  budgetSpent: number
}

export interface AllocationRow {
  id: string
  purse: string
  openid: string
  points: number
  reason: string
  created_at: string
}

const q = {
  fundingsOf: sql<[string, number], { id: string; challenge_id: string; purse: string; openid: string; points: number; created_at: string }>(
    'SELECT * FROM budget_fundings WHERE challenge_id = ? ORDER BY created_at, id LIMIT ?',
  ),
  insertFunding: sql('INSERT INTO budget_fundings (id, challenge_id, openid, points, created_at, purse) VALUES (?, ?, ?, ?, ?, ?)'),
  insertBudgetReturn: sql('INSERT INTO budget_returns (id, budget_id, purse, openid, points, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
  ensureMonth: sql('INSERT OR IGNORE INTO treasury_months (month, issued) VALUES (?, 0)'),
  ensurePurse: sql('INSERT OR IGNORE INTO allowances (purse, granted, spent) VALUES (?, 0, 0)'),
  ensureTreasury: sql("INSERT OR IGNORE INTO treasury (id, issued, allocated) VALUES ('city', 0, 0)"),
  treasury: sql<[], { issued: number; allocated: number }>("SELECT issued, allocated FROM treasury WHERE id = 'city'"),
  monthIssued: sql<[string], { issued: number }>('SELECT issued FROM treasury_months WHERE month = ?'),
  issuanceByMonth: sql<[string], { month: string; issued: number }>('SELECT month, issued FROM treasury_months WHERE month >= ? ORDER BY month'),
  insertIssuance: sql('INSERT INTO treasury_issuances (id, openid, points, reason, month, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
  insertAllocation: sql('INSERT INTO allowance_grants (id, purse, openid, points, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
  purse: sql<[string], { purse: string; granted: number; spent: number }>('SELECT * FROM allowances WHERE purse = ?'),
  purses: sql<[number], { purse: string; granted: number; spent: number }>('SELECT * FROM allowances ORDER BY purse LIMIT ?'),
  recentIssuances: sql<[number], { id: string; openid: string; points: number; reason: string; month: string; created_at: string }>(
    'SELECT * FROM treasury_issuances ORDER BY created_at DESC, id LIMIT ?',
  ),
  recentAllocations: sql<[number], AllocationRow>('SELECT * FROM allowance_grants ORDER BY created_at DESC, id LIMIT ?'),
  recentAllocationsOf: sql<[string, number], AllocationRow>('SELECT * FROM allowance_grants WHERE purse = ? ORDER BY created_at DESC, id LIMIT ?'),
  challengeBudgetsToClose: sql<[string, number], { id: string; budget_points: number; budget_spent: number }>(
    'SELECT id, budget_points, budget_spent FROM challenges WHERE budget_closed_at IS NULL AND end_day <= ? ORDER BY end_day, id LIMIT ?',
  ),
  eventBudgetsToClose: sql<[number, number], { id: string; budget_points: number; budget_spent: number }>(
    'SELECT id, budget_points, budget_spent FROM events WHERE budget_closed_at IS NULL AND (ends_ms <= ? OR cancelled_at IS NOT NULL) ORDER BY ends_ms, id LIMIT ?',
  ),
  auditBelowZero: sql<[], { n: number }>('SELECT COUNT(*) AS n FROM wallets WHERE grams_total < 0 OR points_balance < 0 OR points_held < 0'),
  // Adjust entries that take a bonus back (they point at the bonus entry and name no factor).
  auditBonusReversals: sql<[], { points: number }>("SELECT COALESCE(SUM(points), 0) AS points FROM entries WHERE type = 'adjust' AND factor_id IS NULL"),
  auditBudgets: sql<[], { funded: number; spent: number; overspent: number; mismatch: number }>(
    `SELECT COALESCE(SUM(budget_points), 0) AS funded, COALESCE(SUM(budget_spent), 0) AS spent,
       COALESCE(SUM(CASE WHEN budget_spent > budget_points THEN 1 ELSE 0 END), 0) AS overspent,
       COALESCE(SUM(CASE WHEN budget_spent <> COALESCE((SELECT SUM(e.points) FROM entries e WHERE e.type = 'bonus' AND e.ref = c.id), 0)
         + COALESCE((SELECT SUM(a.points) FROM entries a JOIN entries b ON b.id = a.ref WHERE a.type = 'adjust' AND b.type = 'bonus' AND b.ref = c.id), 0)
         THEN 1 ELSE 0 END), 0) AS mismatch
     FROM (SELECT id, budget_points, budget_spent FROM challenges UNION ALL SELECT id, budget_points, budget_spent FROM events) c`,
  ),
  auditCheckins: sql<[], { n: number }>(
    `SELECT COUNT(*) AS n FROM entries e JOIN methodologies m ON m.version = e.methodology_version
     WHERE e.type = 'checkin' AND e.points * m.grams_per_point > e.grams`,
  ),
  auditEntries: sql<[], { type: string; points: number }>('SELECT type, COALESCE(SUM(points), 0) AS points FROM entries GROUP BY type'),
  auditFundings: sql<[], { points: number }>('SELECT COALESCE(SUM(points), 0) AS points FROM budget_fundings'),
  auditRedemptions: sql<[], { costAll: number; costReturned: number }>(
    `SELECT COALESCE(SUM(points_cost), 0) AS costAll,
       COALESCE(SUM(CASE WHEN status IN ('cancelled', 'expired') THEN points_cost ELSE 0 END), 0) AS costReturned FROM redemptions`,
  ),
  // A reversal carries no time of its own; a scale's correction of a drop (the one other adjust of a check-in) carries the weighing's.
  auditReversedTwice: sql<[], { n: number }>(
    "SELECT COUNT(*) AS n FROM (SELECT ref FROM entries WHERE type = 'adjust' AND occurred_at IS NULL GROUP BY ref HAVING COUNT(*) > 1) x",
  ),
  auditReviews: sql<[], { points: number }>(
    `SELECT COALESCE((SELECT SUM(r.held_points) FROM reviews r WHERE r.status = 'open'), 0)
       + COALESCE((SELECT SUM(x.points) FROM review_holds x JOIN reviews r ON r.id = x.review_id WHERE r.status = 'open'), 0) AS points`,
  ),
  // Since the rule existed (a database upgraded from before it keeps what was paid then; meta says when).
  auditSelfPaid: sql<[string], { n: number }>(
    `SELECT COUNT(*) AS n FROM entries e WHERE e.type = 'bonus'
       AND e.created_at >= COALESCE((SELECT value FROM meta WHERE key = ?), '')
       AND (EXISTS (SELECT 1 FROM events v WHERE v.id = e.ref AND v.creator = e.openid)
         OR EXISTS (SELECT 1 FROM challenges c WHERE c.id = e.ref AND c.creator = e.openid)
         OR EXISTS (SELECT 1 FROM budget_fundings f WHERE f.challenge_id = e.ref AND f.openid = e.openid)
         OR EXISTS (SELECT 1 FROM unpaid_by u WHERE u.openid = e.openid AND u.ref = e.ref))`,
  ),
  auditVouchers: sql<[], { n: number }>(
    `SELECT COUNT(*) AS n FROM redemptions d WHERE
       (SELECT COUNT(*) FROM entries e WHERE e.type = 'refund' AND e.ref = d.id) <> (CASE WHEN d.status IN ('cancelled', 'expired') THEN 1 ELSE 0 END)
       OR (d.status = 'pending' AND d.closed_at IS NOT NULL) OR (d.status <> 'pending' AND d.closed_at IS NULL)`,
  ),
  auditWallets: sql<[], { balance: number; earned: number; spent: number; held: number; above: number }>(
    `SELECT COALESCE(SUM(points_balance), 0) AS balance, COALESCE(SUM(points_earned), 0) AS earned, COALESCE(SUM(points_spent), 0) AS spent,
       COALESCE(SUM(points_held), 0) AS held, COALESCE(SUM(CASE WHEN points_held > points_balance THEN 1 ELSE 0 END), 0) AS above FROM wallets`,
  ),
  // Every purse any record names: its row must equal its allocations and its draws less what came back.
  auditPurses: sql<[], { n: number }>(
    `SELECT COUNT(*) AS n FROM (
       SELECT COALESCE((SELECT granted FROM allowances a WHERE a.purse = p.purse), -1) AS granted,
         COALESCE((SELECT spent FROM allowances a WHERE a.purse = p.purse), -1) AS spent,
         COALESCE((SELECT SUM(points) FROM allowance_grants g WHERE g.purse = p.purse), 0) AS grants,
         COALESCE((SELECT SUM(points) FROM budget_fundings f WHERE f.purse = p.purse), 0)
           - COALESCE((SELECT SUM(points) FROM budget_returns r WHERE r.purse = p.purse), 0) AS drawn
       FROM (SELECT purse FROM allowances UNION SELECT purse FROM allowance_grants UNION SELECT purse FROM budget_fundings UNION SELECT purse FROM budget_returns) p
     ) x WHERE granted <> grants OR spent <> drawn`,
  ),
  auditTreasury: sql<[], { issued: number; allocated: number; issuances: number; allocations: number; returns: number }>(
    `SELECT COALESCE((SELECT issued FROM treasury WHERE id = 'city'), 0) AS issued, COALESCE((SELECT allocated FROM treasury WHERE id = 'city'), 0) AS allocated,
       COALESCE((SELECT SUM(points) FROM treasury_issuances), 0) AS issuances, COALESCE((SELECT SUM(points) FROM allowance_grants), 0) AS allocations,
       COALESCE((SELECT SUM(points) FROM budget_returns), 0) AS returns`,
  ),
}

export async function fundingsOf(db: Db, budgetId: string) {
  return everyRow(await db.query(q.fundingsOf, budgetId, pastBound(FUNDINGS_PER_BUDGET_BOUND)), FUNDINGS_PER_BUDGET_BOUND, `fundings of ${budgetId}`).map(
    (r) => ({ id: r.id, budgetId: r.challenge_id, purse: r.purse, openid: r.openid, points: Number(r.points), createdAt: r.created_at }),
  )
}

export async function insertFunding(db: Db, f: FundingRecord) {
  await db.defer(q.insertFunding, f.id, f.budgetId, f.openid, f.points, f.createdAt, f.purse)
}

export async function insertBudgetReturn(db: Db, r: BudgetReturnRecord) {
  await db.defer(q.insertBudgetReturn, r.id, r.budgetId, r.purse, r.openid, r.points, r.createdAt)
}

export async function ensureTreasuryRows(db: Db, month: string, purse: string) {
  await db.execute(q.ensureTreasury)
  await db.execute(q.ensureMonth, month)
  await db.execute(q.ensurePurse, purse)
}

export async function treasuryTotals(db: Db) {
  const row = await db.get(q.treasury)
  return { issuedPoints: Number(row?.issued ?? 0), allocatedPoints: Number(row?.allocated ?? 0) }
}

export async function monthIssued(db: Db, month: string) {
  return Number((await db.get(q.monthIssued, month))?.issued ?? 0)
}

export async function issuanceByMonth(db: Db, fromMonth: string) {
  return (await db.query(q.issuanceByMonth, fromMonth)).map((r) => ({ month: r.month, points: Number(r.issued) }))
}

export async function insertIssuance(db: Db, r: IssuanceRecord) {
  await db.defer(q.insertIssuance, r.id, r.openid, r.points, r.reason, r.month, r.createdAt)
}

export async function insertAllocation(db: Db, r: AllocationRecord) {
  await db.defer(q.insertAllocation, r.id, r.purse, r.openid, r.points, r.reason, r.createdAt)
}

export async function getPurse(db: Db, purse: string) {
  const row = await db.get(q.purse, purse)
  return row && { purse: row.purse, grantedPoints: Number(row.granted), spentPoints: Number(row.spent) }
}

export async function listPurses(db: Db, limit = PURSES_LIMIT) {
  return (await db.query(q.purses, limit)).map((row) => ({ purse: row.purse, grantedPoints: Number(row.granted), spentPoints: Number(row.spent) }))
}

export async function recentIssuances(db: Db, limit: number) {
  return (await db.query(q.recentIssuances, limit)).map((r) => ({
    id: r.id,
    openid: r.openid,
    points: Number(r.points),
    reason: r.reason,
    month: r.month,
    createdAt: r.created_at,
  }))
}

export async function recentAllocations(db: Db, purse: string | undefined, limit: number) {
  const rows = purse === undefined ? await db.query(q.recentAllocations, limit) : await db.query(q.recentAllocationsOf, purse, limit)
  return rows.map((r) => ({ id: r.id, purse: r.purse, openid: r.openid, points: Number(r.points), reason: r.reason, createdAt: r.created_at }))
}

export async function budgetsToClose(db: Db, nowMs: number, challengeEndDay: string, limit: number): Promise<OpenBudget[]> {
  const events = (await db.query(q.eventBudgetsToClose, nowMs, limit)).map((r) => ({
    table: 'events' as const,
    id: r.id,
    budgetPoints: Number(r.budget_points),
    budgetSpent: Number(r.budget_spent),
  }))
  const challenges = (await db.query(q.challengeBudgetsToClose, challengeEndDay, limit)).map((r) => ({
    table: 'challenges' as const,
    id: r.id,
    budgetPoints: Number(r.budget_points),
    budgetSpent: Number(r.budget_spent),
  }))
  return [...events, ...challenges]
}

export async function economyTotals(db: Db) {
  const entryPoints = { checkin: 0, bonus: 0, redeem: 0, refund: 0, donate: 0, adjust: 0 }
  for (const r of await db.query(q.auditEntries)) {
    if (Object.prototype.hasOwnProperty.call(entryPoints, r.type)) entryPoints[r.type as keyof typeof entryPoints] = Number(r.points)
  }
  const w = (await db.get(q.auditWallets))!
  const b = (await db.get(q.auditBudgets))!
  const r = (await db.get(q.auditRedemptions))!
  return {
    entryPoints,
    wallets: { balance: Number(w.balance), earned: Number(w.earned), spent: Number(w.spent), held: Number(w.held), heldAboveBalance: Number(w.above) },
    budgets: {
      funded: Number(b.funded),
      spent: Number(b.spent),
      overspent: Number(b.overspent),
      fundingRecords: Number((await db.get(q.auditFundings))?.points ?? 0),
      bonusMismatch: Number(b.mismatch),
    },
    checkinsOverGrams: Number((await db.get(q.auditCheckins))?.n ?? 0),
    redemptions: { costAll: Number(r.costAll), costReturned: Number(r.costReturned) },
    openReviewPoints: Number((await db.get(q.auditReviews))?.points ?? 0),
    bonusReversals: Number((await db.get(q.auditBonusReversals))?.points ?? 0),
    ...(await treasuryAudit(db)),
    walletsBelowZero: Number((await db.get(q.auditBelowZero))?.n ?? 0),
    reversedTwice: Number((await db.get(q.auditReversedTwice))?.n ?? 0),
    vouchersOff: Number((await db.get(q.auditVouchers))?.n ?? 0),
    selfPaid: Number((await db.get(q.auditSelfPaid, 'separation_of_duties_since'))?.n ?? 0),
  }
}

async function treasuryAudit(db: Db) {
  const t = (await db.get(q.auditTreasury))!
  return {
    treasury: { issued: Number(t.issued), allocated: Number(t.allocated), issuanceRecords: Number(t.issuances), allocationRecords: Number(t.allocations) },
    budgetReturns: Number(t.returns),
    pursesOff: Number((await db.get(q.auditPurses))?.n ?? 0),
  }
}
