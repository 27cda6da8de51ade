/**
 * Merchants: their counters, their staff, and the vouchers their staff handed out in a month.
 * Statements in the common SQL subset, run through the executor (MySQL's differences are rewritten by the engine).
 */
import { MERCHANT_LIMITS } from '../../src/core/merchants'
import { everyRow, pastBound } from '../storage/bounds'
import { sql, type Db } from '../storage/port'

/** A person is staff at a handful of merchants; this bound keeps their desk's list one read. */
export const MERCHANTS_PER_PERSON_LIMIT = 100
/** A merchant stocks a handful of offers; old inactive ones come last and past this are not listed. */
export const OFFERS_PER_MERCHANT_LIMIT = 1_000

export interface MerchantRecord {
  partnerId: string
  address: string
  openingHours: string
  latitudeE6: number
  longitudeE6: number
}

interface MerchantRow {
  partner_id: string
  address: string
  opening_hours: string
  latitude_e6: number
  longitude_e6: number
}

const fromRow = (r: MerchantRow): MerchantRecord => ({
  partnerId: r.partner_id,
  address: r.address,
  openingHours: r.opening_hours,
  latitudeE6: Number(r.latitude_e6),
  longitudeE6: Number(r.longitude_e6),
})

export interface StaffRecord {
  openid: string
  nickname: string
  appointedAt: string
}

export interface HandedOutRow {
  reward_title: string
  closed_at: string
  points_cost: number
  subsidy_fen: number
}

const q = {
  merchant: sql<[string], MerchantRow>('SELECT * FROM merchants WHERE partner_id = ?'),
  saveMerchant: sql(
    `INSERT INTO merchants (partner_id, address, opening_hours, latitude_e6, longitude_e6, updated_by, updated_at)
     VALUES (@partnerId, @address, @openingHours, @latitudeE6, @longitudeE6, @updatedBy, @updatedAt)
     ON CONFLICT(partner_id) DO UPDATE SET address = excluded.address, opening_hours = excluded.opening_hours,
       latitude_e6 = excluded.latitude_e6, longitude_e6 = excluded.longitude_e6, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ),
  setCommunity: sql('UPDATE partners SET community_id = ? WHERE id = ?'),
  // A merchant's offers are offered where the merchant is: they move with it.
  moveOffers: sql('UPDATE rewards SET community_id = ? WHERE merchant_id = ?'),
  // Appointments of one merchant queue on its partner row: the cap is read and kept by one at a time.
  lockMerchantForUpdate: sql<[string], { id: string }>('SELECT id FROM partners WHERE id = ? FOR UPDATE'),
  lockMerchant: sql<[string], { id: string }>('SELECT id FROM partners WHERE id = ?'),
  isStaff: sql<[string, string], { openid: string }>('SELECT openid FROM merchant_staff WHERE partner_id = ? AND openid = ?'),
  staff: sql<[string, number], { openid: string; nickname: string | null; appointed_at: string }>(
    `SELECT s.openid, u.nickname, s.appointed_at FROM merchant_staff s LEFT JOIN users u ON u.openid = s.openid
     WHERE s.partner_id = ? ORDER BY s.appointed_at, s.openid LIMIT ?`,
  ),
  appoint: sql('INSERT OR IGNORE INTO merchant_staff (partner_id, openid, appointed_by, appointed_at) VALUES (?, ?, ?, ?)'),
  remove: sql('DELETE FROM merchant_staff WHERE partner_id = ? AND openid = ?'),
  forgetStaff: sql('DELETE FROM merchant_staff WHERE openid = ?'),
  staffAt: sql<[string, number], { partner_id: string }>('SELECT partner_id FROM merchant_staff WHERE openid = ? ORDER BY partner_id LIMIT ?'),
  registeredBy: sql<[string, number], { id: string }>("SELECT id FROM partners WHERE created_by = ? AND kind = 'merchant' ORDER BY id LIMIT ?"),
  offers: sql<[string, number], { id: string }>('SELECT id FROM rewards WHERE merchant_id = ? ORDER BY active DESC, points_cost, id LIMIT ?'),
  // A bounded range on (merchant_id, status, closed_at): the month's handed-out vouchers, read in a snapshot.
  handedOut: sql<[string, string, string, number], HandedOutRow>(
    `SELECT reward_title, closed_at, points_cost, subsidy_fen FROM redemptions
     WHERE merchant_id = ? AND status = 'fulfilled' AND closed_at >= ? AND closed_at < ? ORDER BY closed_at, id LIMIT ?`,
  ),
}

export async function getMerchant(db: Db, partnerId: string): Promise<MerchantRecord | undefined> {
  const row = await db.get(q.merchant, partnerId)
  return row && fromRow(row)
}

export async function saveMerchant(db: Db, m: MerchantRecord, updatedBy: string, updatedAt: string): Promise<void> {
  await db.execute(q.saveMerchant, { ...m, updatedBy, updatedAt })
}

/** A merchant's community, set by a city organizer ('' the whole city). */
export async function setMerchantCommunity(db: Db, partnerId: string, communityId: string): Promise<void> {
  await db.execute(q.setCommunity, communityId, partnerId)
  await db.execute(q.moveOffers, communityId, partnerId)
}

export async function isStaffOf(db: Db, partnerId: string, openid: string): Promise<boolean> {
  return (await db.get(q.isStaff, partnerId, openid)) !== undefined
}

export async function staffOf(db: Db, partnerId: string): Promise<StaffRecord[]> {
  return (await db.query(q.staff, partnerId, MERCHANT_LIMITS.maxStaff)).map((r) => ({
    openid: r.openid,
    nickname: r.nickname ?? '',
    appointedAt: r.appointed_at,
  }))
}

/**
 * Before reading its staff to keep the cap: two organizers appointing at once would each read one short of it
 * and both insert, leaving a member of staff past the bounded list, unseen by its organizers. (SQLite runs one
 * write transaction at a time.)
 */
export async function lockStaffOf(db: Db, partnerId: string): Promise<void> {
  await db.get(db.dialect === 'mysql' ? q.lockMerchantForUpdate : q.lockMerchant, partnerId)
}

/** answers whether this appointment is new */
export async function appointStaff(db: Db, partnerId: string, openid: string, by: string, at: string): Promise<boolean> {
  return (await db.execute(q.appoint, partnerId, openid, by, at)) === 1
}

/** answers whether there was such an appointment to remove */
export async function removeStaff(db: Db, partnerId: string, openid: string): Promise<boolean> {
  return (await db.execute(q.remove, partnerId, openid)) > 0
}

/** On account deletion: a departing person is no longer anyone's staff. */
export async function forgetStaffOf(db: Db, openid: string): Promise<void> {
  await db.execute(q.forgetStaff, openid)
}

/** The merchants a person is staff at, and those they registered (an organizer who stocks their offers). */
export async function merchantsOf(db: Db, openid: string): Promise<{ staffAt: string[]; registered: string[] }> {
  const staffAt = (await db.query(q.staffAt, openid, MERCHANTS_PER_PERSON_LIMIT)).map((r) => r.partner_id)
  const registered = (await db.query(q.registeredBy, openid, MERCHANTS_PER_PERSON_LIMIT)).map((r) => r.id)
  return { staffAt, registered }
}

export async function offerIdsOf(db: Db, partnerId: string): Promise<string[]> {
  return (await db.query(q.offers, partnerId, OFFERS_PER_MERCHANT_LIMIT)).map((r) => r.id)
}

/** Every voucher of the merchant handed out in [from, until) (Shanghai ISO prefixes): a total counts them all, or the read refuses. */
export async function handedOutIn(db: Db, partnerId: string, from: string, until: string): Promise<HandedOutRow[]> {
  const bound = MERCHANT_LIMITS.maxSettlementVouchers
  const rows = await db.query(q.handedOut, partnerId, from, until, pastBound(bound))
  return everyRow(rows, bound, `vouchers ${partnerId} handed out from ${from}`).map((r) => ({
    ...r,
    points_cost: Number(r.points_cost),
    subsidy_fen: Number(r.subsidy_fen),
  }))
}
