/**
 * Rewards and the vouchers redeemed for them, with each person's holding counters.
 * Statements in the common SQL subset, run through the executor (MySQL's differences are rewritten by the engine).
 */
import type { RedemptionStatus } from '../../src/contract/types'
import { everyRow, pastBound } from '../storage/bounds'
import { sql, type Db } from '../storage/port'

/**
 * Rewards listed at once. Each community stocks a handful and the city a few more, so a city's catalogue is
 * hundreds; retired rewards stay as inactive rows, which come after the active ones, so past this it is old
 * inactive rewards an organizer no longer sees. A person's holdings (one row per reward held) share the bound,
 * but every one of those rows is read or the read refuses: the per-person limit counts them.
 */
export const REWARDS_LIMIT = 10_000
/**
 * A person's vouchers read at once, newest first. The keenest redeem a few a week: this is decades. A voucher
 * stays pending at most a year (validDays ≤ 365), so every pending one, which a deletion must void, is among them.
 */
export const REDEMPTIONS_LIMIT = 10_000

export interface RewardSeed {
  id: string
  title: string
  titleEn: string
  description: string
  descriptionEn: string
  pointsCost: number
  stock: number
  perUserLimit: number
  validDays: number
}

export interface RewardRecord {
  id: string
  /** the Chinese name and description; the English ones '' when there are none */
  title: string
  titleEn: string
  description: string
  descriptionEn: string
  imageUrl?: string
  pointsCost: number
  stock: number
  perUserLimit: number
  validDays: number
  active: boolean
  /** the community that stocks it; '' a city-wide reward */
  communityId: string
  /** the merchant partner whose offer it is (handed out at its counter, funded with its goods); '' the city's own */
  merchantId: string
  /** what the city pays the merchant per voucher handed out, in fen */
  subsidyFen: number
}

export interface RedemptionRecord {
  id: string
  openid: string
  rewardId: string
  /** the reward's names when it was redeemed (rewardTitleEn absent: none) */
  rewardTitle: string
  rewardTitleEn?: string
  code: string
  status: RedemptionStatus
  pointsCost: number
  createdAt: string
  expiresAt: string
  expiresAtMs: number
  fulfilledAt?: string
  verifiedBy?: string
  cancelledAt?: string
  expiredAt?: string
  /** the reward's merchant when redeemed ('' none) */
  merchantId: string
  /** the subsidy owed for it, written when its merchant's staff hand it out */
  subsidyFen: number
}

export interface RewardRow {
  id: string
  title: string
  title_en: string
  description: string
  description_en: string
  image_url: string | null
  points_cost: number
  stock: number
  per_user_limit: number
  valid_days: number
  active: number
  community_id: string
  merchant_id: string
  subsidy_fen: number
}

export function rewardFromRow(row: RewardRow): RewardRecord {
  const r: RewardRecord = {
    id: row.id,
    title: row.title,
    titleEn: row.title_en,
    description: row.description,
    descriptionEn: row.description_en,
    pointsCost: row.points_cost,
    stock: row.stock,
    perUserLimit: row.per_user_limit,
    validDays: row.valid_days,
    active: row.active === 1,
    communityId: row.community_id,
    merchantId: row.merchant_id,
    subsidyFen: Number(row.subsidy_fen),
  }
  if (row.image_url !== null) r.imageUrl = row.image_url
  return r
}

export interface RedemptionRow {
  id: string
  openid: string
  reward_id: string
  reward_title: string
  reward_title_en: string
  code: string
  status: RedemptionRecord['status']
  points_cost: number
  created_at: string
  expires_at: string
  expires_at_ms: number
  closed_at: string | null
  verified_by: string | null
  merchant_id: string
  subsidy_fen: number
}

export function redemptionFromRow(row: RedemptionRow): RedemptionRecord {
  const r: RedemptionRecord = {
    id: row.id,
    openid: row.openid,
    rewardId: row.reward_id,
    rewardTitle: row.reward_title,
    code: row.code,
    status: row.status,
    pointsCost: row.points_cost,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    expiresAtMs: row.expires_at_ms,
    merchantId: row.merchant_id,
    subsidyFen: Number(row.subsidy_fen),
  }
  if (row.reward_title_en) r.rewardTitleEn = row.reward_title_en
  if (row.closed_at !== null) {
    if (row.status === 'fulfilled') r.fulfilledAt = row.closed_at
    if (row.status === 'cancelled') r.cancelledAt = row.closed_at
    if (row.status === 'expired') r.expiredAt = row.closed_at
  }
  if (row.verified_by !== null) r.verifiedBy = row.verified_by
  return r
}

const q = {
  seedReward: sql(
    `INSERT OR IGNORE INTO rewards (id, title, title_en, description, description_en, points_cost, stock, per_user_limit, valid_days, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  reward: sql<[string], RewardRow>('SELECT * FROM rewards WHERE id = ?'),
  rewards: sql<[number, number], RewardRow>('SELECT * FROM rewards WHERE active = 1 OR ? = 1 ORDER BY active DESC, points_cost, id LIMIT ?'),
  insertReward: sql(
    `INSERT INTO rewards (id, title, title_en, description, description_en, image_url, points_cost, stock, per_user_limit, valid_days, active, created_at, community_id, merchant_id, subsidy_fen)
     VALUES (@id, @title, @titleEn, @description, @descriptionEn, @imageUrl, @pointsCost, @stock, @perUserLimit, @validDays, @active, @createdAt, @communityId, @merchantId, @subsidyFen)`,
  ),
  insertRedemption: sql(
    `INSERT INTO redemptions (id, openid, reward_id, reward_title, reward_title_en, code, status, points_cost, created_at, expires_at, expires_at_ms, merchant_id)
     VALUES (@id, @openid, @rewardId, @rewardTitle, @rewardTitleEn, @code, @status, @pointsCost, @createdAt, @expiresAt, @expiresAtMs, @merchantId)`,
  ),
  redemption: sql<[string], RedemptionRow>('SELECT * FROM redemptions WHERE id = ?'),
  redemptionByCode: sql<[string], RedemptionRow>('SELECT * FROM redemptions WHERE code = ?'),
  redemptionsOf: sql<[string, number], RedemptionRow>('SELECT * FROM redemptions WHERE openid = ? ORDER BY created_at DESC, id LIMIT ?'),
  heldCounts: sql<[string, number], { reward_id: string; n: number }>(
    'SELECT reward_id, held AS n FROM reward_holdings WHERE openid = ? AND held > 0 ORDER BY reward_id LIMIT ?',
  ),
  dueRedemptions: sql<[number, number], RedemptionRow>(
    "SELECT * FROM redemptions WHERE status = 'pending' AND expires_at_ms <= ? ORDER BY expires_at_ms LIMIT ?",
  ),
  addHolding: sql(
    'INSERT INTO reward_holdings (openid, reward_id, held) VALUES (?, ?, ?) ON CONFLICT (openid, reward_id) DO UPDATE SET held = held + excluded.held',
  ),
  // A release lowers a row its voucher made; an upsert would first check its would-be row (held < 0).
  releaseHolding: sql('UPDATE reward_holdings SET held = held + ? WHERE openid = ? AND reward_id = ?'),
}

export async function seedReward(db: Db, r: RewardSeed) {
  await db.execute(
    q.seedReward,
    r.id,
    r.title,
    r.titleEn,
    r.description,
    r.descriptionEn,
    r.pointsCost,
    r.stock,
    r.perUserLimit,
    r.validDays,
    new Date().toISOString(),
  )
}

export async function getReward(db: Db, id: string) {
  const row = await db.get(q.reward, id)
  return row && rewardFromRow(row)
}

/** Rewards, active ones first (cheapest first), at most `limit`. */
export async function listRewards(db: Db, includeInactive: boolean, limit = REWARDS_LIMIT) {
  return (await db.query(q.rewards, includeInactive ? 1 : 0, limit)).map(rewardFromRow)
}

/** A new reward; an edit goes through saveReward (./rewards.ts), a checked compare-and-set. */
export async function insertReward(db: Db, r: RewardRecord) {
  await db.execute(q.insertReward, {
    ...r,
    imageUrl: r.imageUrl ?? null,
    active: r.active ? 1 : 0,
    createdAt: new Date().toISOString(),
  })
}

export async function insertRedemption(db: Db, r: Omit<RedemptionRecord, 'merchantId' | 'subsidyFen'> & { merchantId?: string }) {
  await db.execute(q.insertRedemption, {
    id: r.id,
    openid: r.openid,
    rewardId: r.rewardId,
    rewardTitle: r.rewardTitle,
    rewardTitleEn: r.rewardTitleEn ?? '',
    code: r.code,
    status: r.status,
    pointsCost: r.pointsCost,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    expiresAtMs: r.expiresAtMs,
    merchantId: r.merchantId ?? '',
  })
}

export async function getRedemption(db: Db, id: string) {
  const row = await db.get(q.redemption, id)
  return row && redemptionFromRow(row)
}

export async function getRedemptionByCode(db: Db, code: string) {
  const row = await db.get(q.redemptionByCode, code)
  return row && redemptionFromRow(row)
}

/** The person's vouchers, newest first, at most `limit` (see REDEMPTIONS_LIMIT). */
export async function listRedemptions(db: Db, openid: string, limit = REDEMPTIONS_LIMIT) {
  return (await db.query(q.redemptionsOf, openid, limit)).map(redemptionFromRow)
}

export async function heldRedemptionCounts(db: Db, openid: string) {
  return new Map(
    everyRow(await db.query(q.heldCounts, openid, pastBound(REWARDS_LIMIT)), REWARDS_LIMIT, `vouchers held by ${openid}`).map((r) => [r.reward_id, r.n]),
  )
}

export async function duePendingRedemptions(db: Db, nowMs: number, limit: number) {
  return (await db.query(q.dueRedemptions, nowMs, limit)).map(redemptionFromRow)
}

export async function addRewardHolding(db: Db, openid: string, rewardId: string, delta: number) {
  if (delta > 0) await db.defer(q.addHolding, openid, rewardId, delta)
  else if (delta < 0 && (await db.execute(q.releaseHolding, delta, openid, rewardId)) !== 1) {
    throw new Error(`no holding of ${rewardId} by ${openid} to release`)
  }
}
