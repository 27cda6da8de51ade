/**
 * Communities and their counters, the person's community (on their wallet row), and recycling stations with their rotating display codes.
 * Statements in the common SQL subset, run through the executor (MySQL's differences are rewritten by the engine).
 */
import type { Station } from '../../src/contract/types'
import { NO_COMMUNITY } from '../../src/core/community'
import { daysBetween } from '../../src/core/time'
import { everyRow, pastBound } from '../storage/bounds'
import { sql, type Db } from '../storage/port'
import { communityFromRow, heldIn, type PersonCommunity, type WalletRow } from '../wallet/queries'

export interface CommunityRecord {
  id: string
  name: string
  /** '' when it has no English name */
  nameEn: string
  createdAt: string
}

export interface StationRow {
  code: string
  name: string
  name_en: string
  materials: string
  address: string
  hours: string
  community_id: string
  retired_at: string | null
  behaviours?: string | null
}

export function stationFromRow(row: StationRow): Station {
  const station: Station = {
    code: row.code,
    name: row.name,
    materials: JSON.parse(row.materials),
    address: row.address,
    hours: row.hours,
    communityId: row.community_id,
  }
  if (row.retired_at !== null) station.retiredAt = row.retired_at
  if (row.name_en) station.nameEn = row.name_en
  if (row.behaviours) station.behaviours = JSON.parse(row.behaviours)
  return station
}

interface CommunityRow {
  id: string
  name: string
  name_en: string
  created_at: string
}

const communityFromDbRow = (row: CommunityRow): CommunityRecord => ({ id: row.id, name: row.name, nameEn: row.name_en, createdAt: row.created_at })

/** What anyone is shown of a community: its names (the English one only when it has one). */
export function publicCommunity(c: { id: string; name: string; nameEn: string }): { id: string; name: string; nameEn?: string } {
  return c.nameEn ? { id: c.id, name: c.name, nameEn: c.nameEn } : { id: c.id, name: c.name }
}

/**
 * Stations listed at once. A city's programme runs hundreds to a few thousand drop-off points: this is several
 * times the largest. Active first, so past it the retired ones, kept only for their history, drop off.
 */
export const STATIONS_LIMIT = 20_000
/**
 * Communities the city may hold: even the largest Chinese cities count their residential and village committees
 * in the thousands, about ten thousand at most. Every reader needs all of them (the chooser, the dashboard's
 * totals, name clashes): past this the read is refused, never half-answered.
 */
export const COMMUNITIES_BOUND = 20_000
/** Community counter rows: every community's, and '' for residents without one. */
const COMMUNITY_ROWS_BOUND = COMMUNITIES_BOUND + 1

const q = {
  upsertStation: sql('INSERT INTO stations (code, name, name_en, materials) VALUES (?, ?, ?, ?) ON CONFLICT(code) DO NOTHING'),
  saveStation: sql(
    `INSERT INTO stations (code, name, name_en, materials, address, hours, community_id, retired_at, behaviours)
     VALUES (@code, @name, @nameEn, @materials, @address, @hours, @communityId, @retiredAt, @behaviours)
     ON CONFLICT(code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, materials = excluded.materials, address = excluded.address, hours = excluded.hours,
       community_id = excluded.community_id, retired_at = excluded.retired_at, behaviours = excluded.behaviours`,
  ),
  stations: sql<[number], StationRow>('SELECT * FROM stations ORDER BY CASE WHEN retired_at IS NULL THEN 0 ELSE 1 END, code LIMIT ?'),
  station: sql<[string], StationRow>('SELECT * FROM stations WHERE code = ?'),
  stationSecret: sql<[string], { secret: string | null }>('SELECT secret FROM stations WHERE code = ?'),
  setStationSecret: sql('UPDATE stations SET secret = ? WHERE code = ? AND secret IS NULL'),
  useDisplayCode: sql('INSERT OR IGNORE INTO display_code_uses (openid, station_code, window_no) VALUES (?, ?, ?)'),
  noteDisplayUse: sql('UPDATE display_code_uses SET entry_id = ? WHERE openid = ? AND station_code = ? AND window_no = ?'),
  addDisplayWindowUse: sql(
    'INSERT INTO display_code_windows (station_code, window_no, uses) VALUES (?, ?, 1) ON CONFLICT (station_code, window_no) DO UPDATE SET uses = uses + 1',
  ),
  displayWindowUses: sql<[string, number], { uses: number }>('SELECT uses FROM display_code_windows WHERE station_code = ? AND window_no = ?'),
  displayWindowEntries: sql<[string, number, number], { openid: string; entry_id: string | null }>(
    'SELECT openid, entry_id FROM display_code_uses WHERE station_code = ? AND window_no = ? AND entry_id IS NOT NULL ORDER BY openid LIMIT ?',
  ),
  saveCommunity: sql(
    'INSERT INTO communities (id, name, name_en, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en',
  ),
  community: sql<[string], CommunityRow>('SELECT * FROM communities WHERE id = ?'),
  communities: sql<[number], CommunityRow>('SELECT * FROM communities ORDER BY created_at, id LIMIT ?'),
  wallet: sql<[string], WalletRow>('SELECT * FROM wallets WHERE openid = ?'),
  setCommunity: sql('UPDATE wallets SET community_id = ?, community_set_ms = ? WHERE openid = ?'),
  addCommunityCounters: sql(
    `INSERT INTO community_counters (community_id, slot, residents, grams) VALUES (?, ?, ?, ?)
     ON CONFLICT (community_id, slot) DO UPDATE SET residents = residents + excluded.residents, grams = grams + excluded.grams`,
  ),
  addCommunityDayGrams: sql(
    `INSERT INTO community_day_grams (community_id, day, slot, grams) VALUES (?, ?, ?, ?)
     ON CONFLICT (community_id, day, slot) DO UPDATE SET grams = grams + excluded.grams`,
  ),
  // Communities × slots rows: bounded by the number of communities, never by the ledger.
  communityTotals: sql<[number], { community_id: string; residents: number; grams: number }>(
    'SELECT community_id, SUM(residents) AS residents, SUM(grams) AS grams FROM community_counters GROUP BY community_id ORDER BY community_id LIMIT ?',
  ),
  communityDayGrams: sql<[string, string, number], { community_id: string; day: string; grams: number }>(
    'SELECT community_id, day, SUM(grams) AS grams FROM community_day_grams WHERE day BETWEEN ? AND ? GROUP BY community_id, day ORDER BY community_id, day LIMIT ?',
  ),
}

export async function upsertStation(db: Db, s: Station) {
  await db.execute(q.upsertStation, s.code, s.name, s.nameEn ?? '', JSON.stringify(s.materials))
}

export async function saveStation(db: Db, s: Station) {
  await db.execute(q.saveStation, {
    code: s.code,
    name: s.name,
    nameEn: s.nameEn ?? '',
    materials: JSON.stringify(s.materials),
    address: s.address ?? '',
    hours: s.hours ?? '',
    communityId: s.communityId ?? '',
    retiredAt: s.retiredAt ?? null,
    behaviours: s.behaviours && s.behaviours.length > 0 ? JSON.stringify(s.behaviours) : null,
  })
}

/** Every station, active ones first (by code), at most `limit` (see STATIONS_LIMIT). */
export async function listStations(db: Db, limit = STATIONS_LIMIT) {
  return (await db.query(q.stations, limit)).map(stationFromRow)
}

export async function getStation(db: Db, code: string) {
  const row = await db.get(q.station, code)
  return row && stationFromRow(row)
}

export async function stationSecret(db: Db, code: string) {
  return (await db.get(q.stationSecret, code))?.secret ?? undefined
}

export async function setStationSecretIfAbsent(db: Db, code: string, secret: string) {
  await db.execute(q.setStationSecret, secret, code)
}

export async function useDisplayCode(db: Db, openid: string, stationCode: string, window: number) {
  return (await db.execute(q.useDisplayCode, openid, stationCode, window)) === 1
}

export async function noteDisplayUse(db: Db, openid: string, stationCode: string, window: number, entryId: string) {
  await db.defer(q.noteDisplayUse, entryId, openid, stationCode, window)
}

export async function addDisplayWindowUse(db: Db, stationCode: string, window: number) {
  await db.execute(q.addDisplayWindowUse, stationCode, window)
  return Number((await db.get(q.displayWindowUses, stationCode, window))?.uses ?? 0)
}

export async function displayWindowEntries(db: Db, stationCode: string, window: number, limit: number) {
  return (await db.query(q.displayWindowEntries, stationCode, window, limit)).map((r) => ({ openid: r.openid, entryId: r.entry_id as string }))
}

export async function saveCommunity(db: Db, c: CommunityRecord) {
  await db.execute(q.saveCommunity, c.id, c.name, c.nameEn, c.createdAt)
}

export async function getCommunity(db: Db, id: string) {
  const row = await db.get(q.community, id)
  return row && communityFromDbRow(row)
}

export async function listCommunities(db: Db) {
  const rows = everyRow(await db.query(q.communities, pastBound(COMMUNITIES_BOUND)), COMMUNITIES_BOUND, 'communities')
  return rows.map(communityFromDbRow)
}

export async function communityOf(db: Db, openid: string): Promise<PersonCommunity> {
  const held = heldIn(db).communities.get(openid)
  if (held) return { ...held }
  const row = await db.get(q.wallet, openid)
  return row ? communityFromRow(row) : { communityId: NO_COMMUNITY, setMs: null }
}

export async function setCommunity(db: Db, openid: string, communityId: string, atMs: number) {
  if (!heldIn(db).communities.has(openid)) throw new Error(`setCommunity(${openid}) before lockPerson`)
  await db.defer(q.setCommunity, communityId, atMs, openid)
  heldIn(db).communities.set(openid, { communityId, setMs: atMs })
}

export async function addCommunityCounters(db: Db, communityId: string, slot: number, residents: number, grams: number) {
  await db.defer(q.addCommunityCounters, communityId, slot, residents, grams)
}

export async function addCommunityDayGrams(db: Db, communityId: string, day: string, slot: number, grams: number) {
  await db.defer(q.addCommunityDayGrams, communityId, day, slot, grams)
}

export async function communityTotals(db: Db) {
  const rows = everyRow(await db.query(q.communityTotals, pastBound(COMMUNITY_ROWS_BOUND)), COMMUNITY_ROWS_BOUND, 'community totals')
  return rows.map((r) => ({ communityId: r.community_id, residents: Number(r.residents), gramsCo2e: Number(r.grams) }))
}

/** Grams per community and day over a range of days (the dashboard's two weeks): every row goes into a sum. */
export async function communityDayGrams(db: Db, fromDay: string, toDay: string) {
  const bound = COMMUNITY_ROWS_BOUND * Math.max(1, daysBetween(fromDay, toDay) + 1)
  const rows = everyRow(await db.query(q.communityDayGrams, fromDay, toDay, pastBound(bound)), bound, `community grams ${fromDay}..${toDay}`)
  return rows.map((r) => ({ communityId: r.community_id, day: r.day, gramsCo2e: Number(r.grams) }))
}
