/**
 * What the city publishes: the organizer's impact report, donation projects, and the methodologies credits cite.
 * Statements in the common SQL subset, run through the executor (MySQL's differences are rewritten by the engine).
 */
import type { Factor, Methodology } from '../../src/contract/types'
import { everyRow, pastBound } from '../storage/bounds'
import { sql, type Db } from '../storage/port'
import { STATIONS_LIMIT } from '../communities/queries'
import { REWARDS_LIMIT } from '../rewards/queries'

/**
 * Public-good projects the city may hold: it opens tens a year, so this is centuries. Listed newest first; the
 * totals and a donor's own rows are looked up by project, so those reads see every row or refuse.
 */
export const PROJECTS_BOUND = 10_000

export interface ProjectRecord {
  id: string
  /** the Chinese title and description; the English ones '' when there are none */
  title: string
  titleEn: string
  description: string
  descriptionEn: string
  goalPoints: number
  active: boolean
}

export interface ProjectRow {
  id: string
  title: string
  title_en: string
  description: string
  description_en: string
  goal_points: number
  active: number
}

export function projectFromRow(row: ProjectRow): ProjectRecord {
  return {
    id: row.id,
    title: row.title,
    titleEn: row.title_en,
    description: row.description,
    descriptionEn: row.description_en,
    goalPoints: row.goal_points,
    active: row.active === 1,
  }
}

/**
 * The organizer's report, over the whole city or (scoped) one community: the same statements with a leading
 * `community_id = ?`, which the (community_id, day) index answers.
 */
function statsStatements(scoped: boolean) {
  const where = scoped ? 'community_id = ? AND ' : ''
  return {
    byDay: sql<unknown[], { day: string; grams: number; checkins: number; participants: number; points: number }>(
      `SELECT day, SUM(grams) AS grams, SUM(type = 'checkin') AS checkins, COUNT(DISTINCT openid) AS participants, SUM(points) AS points
       FROM entries WHERE ${where}day BETWEEN ? AND ? AND type IN ('checkin', 'adjust') GROUP BY day ORDER BY day`,
    ),
    totals: sql<unknown[], { participants: number }>(
      `SELECT COUNT(DISTINCT openid) AS participants FROM entries WHERE ${where}day BETWEEN ? AND ? AND type = 'checkin'`,
    ),
    byFactor: sql<unknown[], { factor_id: string; grams: number; checkins: number }>(
      `SELECT factor_id, SUM(grams) AS grams, SUM(type = 'checkin') AS checkins FROM entries
       WHERE ${where}day BETWEEN ? AND ? AND type IN ('checkin', 'adjust') AND factor_id IS NOT NULL GROUP BY factor_id ORDER BY grams DESC, factor_id`,
    ),
    // Largest first: were a city ever past STATIONS_LIMIT, the report would leave out its smallest stations.
    byStation: sql<unknown[], { station_code: string; grams: number; checkins: number; weight: number }>(
      `SELECT station_code, SUM(grams) AS grams, COUNT(*) AS checkins, SUM(weight_g) AS weight FROM entries
       WHERE ${where}day BETWEEN ? AND ? AND type = 'checkin' AND station_code IS NOT NULL GROUP BY station_code ORDER BY grams DESC, station_code LIMIT ?`,
    ),
    // A community's vouchers are those of the rewards it stocks; the most redeemed first, so past REWARDS_LIMIT
    // the report would leave out the least redeemed.
    redemptions: sql<unknown[], { reward_id: string; title: string; title_en: string; pending: number; fulfilled: number; cancelled: number; expired: number }>(
      `SELECT d.reward_id, d.reward_title AS title, d.reward_title_en AS title_en, SUM(d.status = 'pending') AS pending, SUM(d.status = 'fulfilled') AS fulfilled,
         SUM(d.status = 'cancelled') AS cancelled, SUM(d.status = 'expired') AS expired
       FROM redemptions d${scoped ? ' JOIN rewards rw ON rw.id = d.reward_id WHERE rw.community_id = ? AND' : ' WHERE'} substr(d.created_at, 1, 10) BETWEEN ? AND ?
       GROUP BY d.reward_id, d.reward_title, d.reward_title_en ORDER BY COUNT(*) DESC, d.reward_id LIMIT ?`,
    ),
  }
}

const q = {
  insertFactor: sql('INSERT OR IGNORE INTO factors (version, id, body) VALUES (?, ?, ?)'),
  insertMethodology: sql('INSERT OR IGNORE INTO methodologies (version, grams_per_point) VALUES (?, ?)'),
  factors: sql<[string], { body: string }>('SELECT body FROM factors WHERE version = ? ORDER BY rowid'),
  methodology: sql<[string], { version: string; grams_per_point: number }>('SELECT * FROM methodologies WHERE version = ?'),
  communityStats: statsStatements(true),
  stats: statsStatements(false),
  saveProject: sql(
    `INSERT INTO projects (id, title, title_en, description, description_en, goal_points, active, created_at)
     VALUES (@id, @title, @titleEn, @description, @descriptionEn, @goalPoints, @active, @createdAt)
     ON CONFLICT(id) DO UPDATE SET title = excluded.title, title_en = excluded.title_en, description = excluded.description,
       description_en = excluded.description_en, goal_points = excluded.goal_points, active = excluded.active`,
  ),
  project: sql<[string], ProjectRow>('SELECT * FROM projects WHERE id = ?'),
  projects: sql<[number, number], ProjectRow>('SELECT * FROM projects WHERE active = 1 OR ? = 1 ORDER BY created_at DESC, id LIMIT ?'),
  addDonated: sql('UPDATE project_donations SET points = points + ? WHERE project_id = ? AND openid = ?'),
  addToSlot: sql(
    'INSERT INTO project_slots (project_id, slot, raised, donors) VALUES (?, ?, ?, ?) ON CONFLICT (project_id, slot) DO UPDATE SET raised = raised + excluded.raised, donors = donors + excluded.donors',
  ),
  newDonor: sql('INSERT OR IGNORE INTO project_donations (project_id, openid, points) VALUES (?, ?, 0)'),
  // At most COUNTER_SLOTS rows a project: a bounded read, never the ledger.
  projectTotals: sql<[number], { ref: string; raised: number; donors: number }>(
    'SELECT project_id AS ref, SUM(raised) AS raised, SUM(donors) AS donors FROM project_slots GROUP BY project_id ORDER BY project_id LIMIT ?',
  ),
  donatedBy: sql<[string, number], { ref: string; points: number }>(
    'SELECT project_id AS ref, points FROM project_donations WHERE openid = ? ORDER BY project_id LIMIT ?',
  ),
}

export async function saveMethodology(db: Db, m: Methodology) {
  await db.execute(q.insertMethodology, m.version, m.gramsPerPoint)
  for (const f of m.factors) await db.execute(q.insertFactor, m.version, f.id, JSON.stringify(f))
}

export async function getMethodology(db: Db, version: string): Promise<Methodology | undefined> {
  const row = await db.get(q.methodology, version)
  if (!row) return undefined
  const factors = (await db.query(q.factors, version)).map((r) => JSON.parse(r.body) as Factor)
  return { version: row.version, gramsPerPoint: row.grams_per_point, factors }
}

export async function impactStats(db: Db, fromDay: string, toDay: string, communityId?: string) {
  const stats = communityId === undefined ? q.stats : q.communityStats
  const range = communityId === undefined ? [fromDay, toDay] : [communityId, fromDay, toDay]
  const byDay = await db.query(stats.byDay, ...range)
  return {
    totals: {
      gramsCo2e: byDay.reduce((s, d) => s + Number(d.grams), 0),
      checkins: byDay.reduce((s, d) => s + Number(d.checkins), 0),
      participants: Number((await db.get(stats.totals, ...range))?.participants ?? 0),
      pointsIssued: byDay.reduce((s, d) => s + Number(d.points), 0),
    },
    byDay: byDay.map((d) => ({ day: d.day, gramsCo2e: Number(d.grams), checkins: Number(d.checkins), participants: Number(d.participants) })),
    byFactor: (await db.query(stats.byFactor, ...range)).map((f) => ({ factorId: f.factor_id, gramsCo2e: Number(f.grams), checkins: Number(f.checkins) })),
    byStation: (await db.query(stats.byStation, ...range, STATIONS_LIMIT)).map((s) => ({
      stationCode: s.station_code,
      gramsCo2e: Number(s.grams),
      checkins: Number(s.checkins),
      weightG: Number(s.weight),
    })),
    redemptionsByReward: (await db.query(stats.redemptions, ...range, REWARDS_LIMIT)).map((r) => ({
      rewardId: r.reward_id,
      title: r.title,
      ...(r.title_en ? { titleEn: r.title_en } : {}),
      pending: Number(r.pending),
      fulfilled: Number(r.fulfilled),
      cancelled: Number(r.cancelled),
      expired: Number(r.expired),
    })),
  }
}

export async function saveProject(db: Db, p: ProjectRecord) {
  await db.execute(q.saveProject, { ...p, active: p.active ? 1 : 0, createdAt: new Date().toISOString() })
}

export async function getProject(db: Db, id: string) {
  const row = await db.get(q.project, id)
  return row && projectFromRow(row)
}

/** Projects, newest first, at most `limit`. */
export async function listProjects(db: Db, includeInactive: boolean, limit = PROJECTS_BOUND) {
  return (await db.query(q.projects, includeInactive ? 1 : 0, limit)).map(projectFromRow)
}

export async function addDonation(db: Db, projectId: string, openid: string, slot: number, points: number) {
  const first = (await db.execute(q.newDonor, projectId, openid)) === 1
  await db.defer(q.addDonated, points, projectId, openid)
  await db.defer(q.addToSlot, projectId, slot, points, first ? 1 : 0)
}

export async function projectTotals(db: Db) {
  return new Map(
    everyRow(await db.query(q.projectTotals, pastBound(PROJECTS_BOUND)), PROJECTS_BOUND, 'project totals').map((r) => [
      r.ref,
      { raisedPoints: r.raised, donors: r.donors },
    ]),
  )
}

export async function donatedBy(db: Db, openid: string) {
  return new Map(
    everyRow(await db.query(q.donatedBy, openid, pastBound(PROJECTS_BOUND)), PROJECTS_BOUND, `donations of ${openid}`).map((r) => [r.ref, r.points]),
  )
}
