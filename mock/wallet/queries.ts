/**
 * The wallet: a person's wallet row (locked first by every write of theirs), the ledger's entries, the requests they answered, and the day counters and recent trips the credit rules read.
 * Statements in the common SQL subset, run through the executor (MySQL's differences are rewritten by the engine).
 */
import type { LedgerEntry, Wallet } from '../../src/contract/types'
import { DAY_TOTAL_KEY, parseTrips, type Trip } from '../../src/core/farming'
import type { Counters } from '../../src/core/kinds'
import { isBookkeepingKey } from '../../src/core/steps'
import { GENESIS_HASH } from '../../src/core/ledger'
import { NO_COMMUNITY } from '../../src/core/community'
import { sql, type Db } from '../storage/port'
import { everyRow, pastBound } from '../storage/bounds'

export interface WalletRecord extends Wallet {
  pointsHeld: number
  headSeq: number
  headHash: string
  /** set when its owner deleted the account: no more writes of theirs */
  closedAt?: string
}

export interface RequestRecord {
  fn: string
  payloadHash: string
  /** what the request produced: an entry id, a redemption id… */
  resultRef: string
  capped: boolean
}

/** A person's community ('' none) and when they last chose it; kept on their wallet row. */
export interface PersonCommunity {
  communityId: string
  setMs: number | null
}

export interface EntryRow {
  openid: string
  seq: number
  id: string
  type: LedgerEntry['type']
  grams: number
  points: number
  factor_id: string | null
  source_version: string | null
  methodology_version: string | null
  day: string
  created_at: string
  occurred_at: string | null
  ref: string | null
  distance_m: number | null
  duration_s: number | null
  weight_g: number | null
  station_code: string | null
  prev_hash: string
  hash: string
  steps: number | null
  evidence: LedgerEntry['evidence'] | null
  /** absent in a row read from a database before migration 13 */
  quantity?: number | null
  unit?: string | null
}

export function entryFromRow(row: EntryRow): LedgerEntry {
  const entry: LedgerEntry = {
    id: row.id,
    seq: row.seq,
    type: row.type,
    gramsCo2e: row.grams,
    points: row.points,
    day: row.day,
    createdAt: row.created_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  }
  if (row.factor_id !== null) entry.factorId = row.factor_id
  if (row.source_version !== null) entry.sourceVersion = row.source_version
  if (row.methodology_version !== null) entry.methodologyVersion = row.methodology_version
  if (row.occurred_at !== null) entry.occurredAt = row.occurred_at
  if (row.ref !== null) entry.ref = row.ref
  if (row.distance_m !== null) entry.distanceM = row.distance_m
  if (row.duration_s !== null) entry.durationS = row.duration_s
  if (row.weight_g !== null) entry.weightG = row.weight_g
  if (row.station_code !== null) entry.stationCode = row.station_code
  if (row.steps !== null && row.steps !== undefined) entry.steps = row.steps
  if (row.evidence !== null && row.evidence !== undefined) entry.evidence = row.evidence
  // Only entries that measured one carry it, so every other entry hashes as it did before these columns.
  if (row.quantity !== null && row.quantity !== undefined) entry.quantity = Number(row.quantity)
  if (row.unit !== null && row.unit !== undefined) entry.unit = row.unit
  return entry
}

export interface WalletRow {
  grams_total: number
  points_balance: number
  points_earned: number
  points_spent: number
  points_held: number
  head_seq: number
  head_hash: string
  recent_trips?: string | null
  reminder_kinds?: string | null
  community_id?: string
  community_set_ms?: number | null
  closed_at?: string | null
}

export function walletFromRow(row: WalletRow): WalletRecord {
  const w: WalletRecord = {
    gramsCo2eTotal: row.grams_total,
    pointsBalance: row.points_balance,
    pointsEarned: row.points_earned,
    pointsSpent: row.points_spent,
    pointsHeld: row.points_held,
    headSeq: row.head_seq,
    headHash: row.head_hash,
  }
  if (row.closed_at) w.closedAt = row.closed_at
  return w
}

export function communityFromRow(row: WalletRow): PersonCommunity {
  return {
    communityId: row.community_id ?? NO_COMMUNITY,
    setMs: row.community_set_ms === null || row.community_set_ms === undefined ? null : Number(row.community_set_ms),
  }
}

/** What a transaction has read with the wallet locks it took, as it stands after its own writes. */
interface Held {
  /** wallets this transaction has locked, as they stand after its own appends */
  heads: Map<string, WalletRecord>
  /** the memory kept on those wallet rows (src/core/kinds: travel's recent trips), read with the lock */
  trips: Map<string, string | null>
  kinds: Map<string, string | null>
  /** the community on those wallet rows, read with the lock */
  communities: Map<string, PersonCommunity>
}

const memory = new WeakMap<Db, Held>()

/**
 * The transaction's memory of the wallet rows it locked, kept with the transaction's executor (a new one per
 * transaction, so nothing outlives it). Outside a transaction nothing is held: every read goes to the row.
 */
export function heldIn(db: Db): Held {
  const fresh = (): Held => ({ heads: new Map(), trips: new Map(), kinds: new Map(), communities: new Map() })
  if (!db.inTransaction) return fresh()
  let made = memory.get(db)
  if (!made) {
    made = fresh()
    memory.set(db, made)
  }
  return made
}

const q = {
  // A zero wallet row to lock (a new person has none yet), then the lock itself.
  ensureWallet: sql(
    `INSERT OR IGNORE INTO wallets (openid, grams_total, points_balance, points_earned, points_spent, head_seq, head_hash) VALUES (?, 0, 0, 0, 0, 0, '${GENESIS_HASH}')`,
  ),
  // The wallet row, locked, with this request's earlier record if there is one: what every write reads first.
  lockWallet: sql<[string, string], WalletRow & { r_fn: string | null; r_payload_hash: string | null; r_result_ref: string | null; r_capped: number | null }>(
    `SELECT w.*, r.fn AS r_fn, r.payload_hash AS r_payload_hash, r.result_ref AS r_result_ref, r.capped AS r_capped
     FROM wallets w LEFT JOIN requests r ON r.openid = w.openid AND r.request_id = ?
     WHERE w.openid = ?`,
  ),
  lockWalletForUpdate: sql<
    [string, string],
    WalletRow & { r_fn: string | null; r_payload_hash: string | null; r_result_ref: string | null; r_capped: number | null }
  >(
    `SELECT w.*, r.fn AS r_fn, r.payload_hash AS r_payload_hash, r.result_ref AS r_result_ref, r.capped AS r_capped
     FROM wallets w LEFT JOIN requests r ON r.openid = w.openid AND r.request_id = ?
     WHERE w.openid = ? FOR UPDATE`,
  ),
  saveRequest: sql('INSERT INTO requests (openid, request_id, fn, payload_hash, result_ref, capped) VALUES (?, ?, ?, ?, ?, ?)'),
  wallet: sql<[string], WalletRow>('SELECT * FROM wallets WHERE openid = ?'),
  insertEntry: sql(
    `INSERT INTO entries (openid, seq, id, type, grams, points, factor_id, source_version, methodology_version, day,
       created_at, occurred_at, ref, distance_m, duration_s, weight_g, station_code, steps, evidence, quantity, unit, prev_hash, hash, community_id)
     VALUES (@openid, @seq, @id, @type, @grams, @points, @factorId, @sourceVersion, @methodologyVersion, @day,
       @createdAt, @occurredAt, @ref, @distanceM, @durationS, @weightG, @stationCode, @steps, @evidence, @quantity, @unit, @prevHash, @hash, @communityId)`,
  ),
  // lockPerson made sure the row exists
  updateWallet: sql(
    `UPDATE wallets SET grams_total = @gramsTotal, points_balance = @pointsBalance, points_earned = @pointsEarned,
       points_spent = @pointsSpent, head_seq = @headSeq, head_hash = @headHash WHERE openid = @openid`,
  ),
  addHeld: sql('UPDATE wallets SET points_held = points_held + ? WHERE openid = ?'),
  entry: sql<[string, string], EntryRow>('SELECT * FROM entries WHERE openid = ? AND id = ?'),
  // The adjusts written of one entry (a scale's correction, a reversal): a few at most, by the ref index.
  adjustsOf: sql<[string, string, number], EntryRow>("SELECT * FROM entries WHERE ref = ? AND openid = ? AND type = 'adjust' ORDER BY seq LIMIT ?"),
  dayCounters: sql<[string, string, string, string, string, string, string, string], { factor_id: string; grams: number }>(
    'SELECT factor_id, grams FROM day_factor_grams WHERE openid = ? AND day = ? AND factor_id IN (?, ?, ?, ?, ?, ?)',
  ),
  trips: sql<[string], { recent_trips: string | null }>('SELECT recent_trips FROM wallets WHERE openid = ?'),
  saveTrips: sql('UPDATE wallets SET recent_trips = ? WHERE openid = ?'),
  // The city's grams by factor and evidence as written (src/core/evidence reads the level), in the person's slot.
  addEvidenceGrams: sql(
    'INSERT INTO evidence_grams (factor_id, evidence, slot, grams) VALUES (?, ?, ?, ?) ON CONFLICT (factor_id, evidence, slot) DO UPDATE SET grams = grams + excluded.grams',
  ),
  evidenceGrams: sql<[number], { factor_id: string; evidence: string; grams: number }>(
    'SELECT factor_id, evidence, SUM(grams) AS grams FROM evidence_grams GROUP BY factor_id, evidence ORDER BY factor_id, evidence LIMIT ?',
  ),
  addCreditedGrams: sql(
    'INSERT INTO day_factor_grams (openid, day, factor_id, grams) VALUES (?, ?, ?, ?) ON CONFLICT (openid, day, factor_id) DO UPDATE SET grams = grams + excluded.grams',
  ),
  // A day's credit as it stands: its check-ins less the reversals of them (which carry the original's day).
  dayTotals: sql<[string, string], { grams: number; points: number }>(
    "SELECT COALESCE(SUM(grams), 0) AS grams, COALESCE(SUM(points), 0) AS points FROM entries WHERE openid = ? AND day = ? AND (type = 'checkin' OR (type = 'adjust' AND factor_id IS NOT NULL))",
  ),
  dayByFactor: sql<[string, string], { factor_id: string; grams: number }>(
    'SELECT factor_id, grams FROM day_factor_grams WHERE openid = ? AND day = ? ORDER BY factor_id',
  ),
  daySeries: sql<[string, string, string], { day: string; grams: number; points: number }>(
    "SELECT day, SUM(grams) AS grams, SUM(points) AS points FROM entries WHERE openid = ? AND day BETWEEN ? AND ? AND type IN ('checkin', 'adjust') GROUP BY day ORDER BY day",
  ),
  // Days with a check-in that still stands: a reversed one made no streak day (a weighed one did: its correction
  // carries the weighing's time, a reversal none).
  checkInDays: sql<[string, string], { day: string }>(
    `SELECT DISTINCT e.day FROM entries e WHERE e.openid = ? AND e.day >= ? AND e.type = 'checkin'
       AND NOT EXISTS (SELECT 1 FROM entries a WHERE a.ref = e.id AND a.type = 'adjust' AND a.occurred_at IS NULL) ORDER BY e.day DESC`,
  ),
  listEntries: sql<[string, number, number], EntryRow>('SELECT * FROM entries WHERE openid = ? AND seq < ? ORDER BY seq DESC LIMIT ?'),
  entryAt: sql<[string, number], EntryRow>('SELECT * FROM entries WHERE openid = ? AND seq = ?'),
  // A certificate's code is its hash's first 16 hex digits: a range on the hash index.
  entriesByHashPrefix: sql<[string, string, number], EntryRow>('SELECT * FROM entries WHERE hash >= ? AND hash < ? ORDER BY hash LIMIT ?'),
  entriesAfter: sql<[string, number, number], EntryRow>('SELECT * FROM entries WHERE openid = ? AND seq > ? ORDER BY seq ASC LIMIT ?'),
}

export async function lockPerson(db: Db, openid: string, requestId?: string) {
  // A row lock, once held, is held until the transaction ends: asking again (every append does) costs nothing.
  const held = heldIn(db).heads.get(openid)
  if (held && requestId === undefined) return { wallet: { ...held } }
  // Lock first: concurrent callers then queue on one row. Inserting first would give each a shared lock on
  // an existing row, and all of them would deadlock upgrading it. (SQLite runs one transaction at a time.)
  const lock = db.dialect === 'mysql' ? q.lockWalletForUpdate : q.lockWallet
  let row = await db.get(lock, requestId ?? '', openid)
  if (!row) {
    await db.execute(q.ensureWallet, openid)
    row = await db.get(lock, requestId ?? '', openid)
    if (!row) throw new Error(`no wallet row for ${openid} after creating it`)
  }
  const wallet = held ?? walletFromRow(row)
  heldIn(db).heads.set(openid, wallet)
  if (!heldIn(db).trips.has(openid)) heldIn(db).trips.set(openid, row.recent_trips ?? null)
  if (!heldIn(db).kinds.has(openid)) heldIn(db).kinds.set(openid, row.reminder_kinds ?? null)
  if (!heldIn(db).communities.has(openid)) heldIn(db).communities.set(openid, communityFromRow(row))
  const request: RequestRecord | undefined =
    row.r_fn === null
      ? undefined
      : { fn: row.r_fn, payloadHash: row.r_payload_hash as string, resultRef: row.r_result_ref as string, capped: row.r_capped === 1 }
  return { wallet: { ...wallet }, request }
}

export async function saveRequest(db: Db, openid: string, requestId: string, r: RequestRecord) {
  await db.defer(q.saveRequest, openid, requestId, r.fn, r.payloadHash, r.resultRef, r.capped ? 1 : 0)
}

export async function getWallet(db: Db, openid: string): Promise<WalletRecord> {
  const held = heldIn(db).heads.get(openid)
  if (held) return { ...held }
  const row = await db.get(q.wallet, openid)
  if (!row) {
    return { gramsCo2eTotal: 0, pointsBalance: 0, pointsEarned: 0, pointsSpent: 0, pointsHeld: 0, headSeq: 0, headHash: GENESIS_HASH }
  }
  return walletFromRow(row)
}

export async function appendEntry(db: Db, openid: string, e: LedgerEntry, wallet: Wallet, communityId: string) {
  await db.defer(q.insertEntry, {
    openid,
    seq: e.seq,
    id: e.id,
    type: e.type,
    grams: e.gramsCo2e,
    points: e.points,
    factorId: e.factorId ?? null,
    sourceVersion: e.sourceVersion ?? null,
    methodologyVersion: e.methodologyVersion ?? null,
    day: e.day,
    createdAt: e.createdAt,
    occurredAt: e.occurredAt ?? null,
    ref: e.ref ?? null,
    distanceM: e.distanceM ?? null,
    durationS: e.durationS ?? null,
    weightG: e.weightG ?? null,
    stationCode: e.stationCode ?? null,
    steps: e.steps ?? null,
    evidence: e.evidence ?? null,
    quantity: e.quantity ?? null,
    unit: e.unit ?? null,
    prevHash: e.prevHash,
    hash: e.hash,
    communityId,
  })
  // lockPerson, which every append goes through first, made sure the row exists; verifyLedger compares it.
  await db.defer(q.updateWallet, {
    openid,
    gramsTotal: wallet.gramsCo2eTotal,
    pointsBalance: wallet.pointsBalance,
    pointsEarned: wallet.pointsEarned,
    pointsSpent: wallet.pointsSpent,
    headSeq: e.seq,
    headHash: e.hash,
  })
  const before = heldIn(db).heads.get(openid)
  heldIn(db).heads.set(openid, { ...wallet, pointsHeld: before?.pointsHeld ?? 0, headSeq: e.seq, headHash: e.hash })
}

export async function addHeldPoints(db: Db, openid: string, delta: number) {
  const head = heldIn(db).heads.get(openid)
  if (!head) throw new Error(`addHeldPoints for ${openid} outside a lockPerson`)
  await db.defer(q.addHeld, delta, openid)
  heldIn(db).heads.set(openid, { ...head, pointsHeld: head.pointsHeld + delta })
}

export async function getEntry(db: Db, openid: string, id: string) {
  const row = await db.get(q.entry, openid, id)
  return row && entryFromRow(row)
}

/** How many adjusts of one entry are read: a correction and a reversal at most, with room to spare. */
const ADJUSTS_OF_ONE_ENTRY = 8

export async function adjustsOf(db: Db, openid: string, entryId: string) {
  return (await db.query(q.adjustsOf, entryId, openid, ADJUSTS_OF_ONE_ENTRY)).map(entryFromRow)
}

/** Counter rows read for one credit: one statement shape for every kind, so a networked engine prepares it once. */
const COUNTER_KEYS_READ = 6
const NO_COUNTER = '~none'

type SixKeys = [string, string, string, string, string, string]

function counterKeys(keys: readonly string[]): SixKeys {
  if (keys.length > COUNTER_KEYS_READ) throw new Error(`a credit reads at most ${COUNTER_KEYS_READ} counter rows, not ${keys.length}`)
  return [...keys, ...Array<string>(COUNTER_KEYS_READ - keys.length).fill(NO_COUNTER)] as SixKeys
}

/** Asks ahead for the day's counter rows `keys` (src/core/checkin counterKeysOf), for dayCounterRows to find. */
export async function prefetchDayCounters(db: Db, openid: string, day: string, keys: readonly string[]) {
  db.prefetch(q.dayCounters, openid, day, ...counterKeys(keys))
}

/** The day's counter rows `keys`, as grams by key; asking for a key that was not read is a bug, not a zero. */
export async function dayCounterRows(db: Db, openid: string, day: string, keys: readonly string[]): Promise<Counters> {
  const rows = await db.query(q.dayCounters, openid, day, ...counterKeys(keys))
  return (key) => {
    if (!keys.includes(key)) throw new Error(`counter ${key} was not read`)
    return Number(rows.find((r) => r.factor_id === key)?.grams ?? 0)
  }
}

/** A factor's cap row and the day's total across factors, as every credit reads them. */
export async function dayCounters(db: Db, openid: string, day: string, capKey: string) {
  const counters = await dayCounterRows(db, openid, day, [capKey, DAY_TOTAL_KEY])
  return { factorGrams: counters(capKey), dayGrams: counters(DAY_TOTAL_KEY) }
}

/** The memory a kind keeps on the person's wallet row (src/core/kinds KindMemory), read with their lock when held. */
export async function personMemory(db: Db, openid: string): Promise<string | undefined> {
  const held = heldIn(db).trips.get(openid)
  return held !== undefined ? (held ?? undefined) : ((await db.get(q.trips, openid))?.recent_trips ?? undefined)
}

export async function savePersonMemory(db: Db, openid: string, text: string) {
  await db.defer(q.saveTrips, text, openid)
  heldIn(db).trips.set(openid, text)
}

export async function recentTrips(db: Db, openid: string) {
  return parseTrips(await personMemory(db, openid))
}

export async function saveTrips(db: Db, openid: string, trips: Trip[]) {
  await savePersonMemory(db, openid, JSON.stringify(trips))
}

export async function addEvidenceGrams(db: Db, factorId: string, evidence: string | undefined, slot: number, grams: number) {
  await db.defer(q.addEvidenceGrams, factorId, evidence ?? '', slot, grams)
}

/** Factors × evidences: a few dozen pairs; a total needs every one. */
export const EVIDENCE_PAIRS_BOUND = 1_000

/** Outside a write transaction only (the public dashboard reads a snapshot): one row per factor and evidence. */
export async function evidenceGrams(db: Db): Promise<{ factorId: string; evidence: string; gramsCo2e: number }[]> {
  const rows = everyRow(await db.query(q.evidenceGrams, pastBound(EVIDENCE_PAIRS_BOUND)), EVIDENCE_PAIRS_BOUND, 'grams by evidence')
  return rows.map((r) => ({ factorId: r.factor_id, evidence: r.evidence, gramsCo2e: Number(r.grams) }))
}

export async function addCreditedGrams(db: Db, openid: string, factorId: string, day: string, grams: number) {
  await db.defer(q.addCreditedGrams, openid, day, factorId, grams)
}

export async function dayTotals(db: Db, openid: string, day: string) {
  const row = await db.get(q.dayTotals, openid, day)
  return { gramsCo2e: row?.grams ?? 0, points: row?.points ?? 0 }
}

export async function dayByFactor(db: Db, openid: string, day: string) {
  return (await db.query(q.dayByFactor, openid, day)).filter((r) => !isBookkeepingKey(r.factor_id)).map((r) => ({ factorId: r.factor_id, gramsCo2e: r.grams }))
}

export async function daySeries(db: Db, openid: string, fromDay: string, toDay: string) {
  return (await db.query(q.daySeries, openid, fromDay, toDay)).map((r) => ({ day: r.day, gramsCo2e: r.grams, points: r.points }))
}

export async function checkInDaysSince(db: Db, openid: string, sinceDay: string) {
  return (await db.query(q.checkInDays, openid, sinceDay)).map((r) => r.day)
}

export async function listEntries(db: Db, openid: string, beforeSeq: number, limit: number) {
  return (await db.query(q.listEntries, openid, beforeSeq, limit)).map(entryFromRow)
}

export async function getEntryAt(db: Db, openid: string, seq: number) {
  const row = await db.get(q.entryAt, openid, seq)
  return row && entryFromRow(row)
}

export async function entriesByHashPrefix(db: Db, prefix: string, limit: number) {
  // Hex digits sort before 'g': every hash that starts with the prefix lies in [prefix, prefix + 'g').
  return (await db.query(q.entriesByHashPrefix, prefix, `${prefix}g`, limit)).map((row) => ({ ...entryFromRow(row), openid: row.openid }))
}

/** A person's entries after `afterSeq`, oldest first, at most `limit`: a bounded range on the primary key. */
export async function entriesAfter(db: Db, openid: string, afterSeq: number, limit: number): Promise<LedgerEntry[]> {
  return (await db.query(q.entriesAfter, openid, afterSeq, limit)).map(entryFromRow)
}
