/**
 * Groups: their members and invite codes.
 * Statements in the common SQL subset, run through the executor (MySQL's differences are rewritten by the engine).
 */
import { DELETED_NICKNAME } from '../../src/core/account'
import { sql, type Db } from '../storage/port'

/**
 * Members listed for one group. Groups are families, classes and offices: tens of people, a large workplace a few
 * hundred. Oldest first, so the leader (the longest-standing member) is always among them.
 */
export const GROUP_MEMBERS_LIMIT = 1_000
/** Groups one person is in, oldest first: a person keeps a handful, and each listed group lists its members too. */
export const GROUPS_PER_PERSON_LIMIT = 200

export interface GroupRecord {
  id: string
  name: string
  inviteCode: string
  leader: string
  createdAt: string
  /** set when its last member left (the leader deleted their account and nobody was left to lead) */
  closedAt?: string
}

export interface GroupRow {
  id: string
  name: string
  invite_code: string
  leader: string
  created_at: string
  closed_at?: string | null
}

export function groupFromRow(r: GroupRow): GroupRecord {
  const g: GroupRecord = { id: r.id, name: r.name, inviteCode: r.invite_code, leader: r.leader, createdAt: r.created_at }
  if (r.closed_at) g.closedAt = r.closed_at
  return g
}

const q = {
  insertGroup: sql('INSERT INTO groups (id, name, invite_code, leader, created_at) VALUES (@id, @name, @inviteCode, @leader, @createdAt)'),
  group: sql<[string], GroupRow>('SELECT * FROM groups WHERE id = ?'),
  groupByInvite: sql<[string], GroupRow>('SELECT * FROM groups WHERE invite_code = ?'),
  setInvite: sql('UPDATE groups SET invite_code = ? WHERE id = ?'),
  addMember: sql('INSERT OR IGNORE INTO group_members (group_id, openid, joined_at) VALUES (?, ?, ?)'),
  removeMember: sql('DELETE FROM group_members WHERE group_id = ? AND openid = ?'),
  isMember: sql<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM group_members WHERE group_id = ? AND openid = ?'),
  members: sql<[string, number], { openid: string; nickname: string | null }>(
    'SELECT m.openid, u.nickname FROM group_members m LEFT JOIN users u ON u.openid = m.openid AND u.deleted_at IS NULL WHERE m.group_id = ? ORDER BY m.joined_at, m.openid LIMIT ?',
  ),
  groupsOf: sql<[string, number], GroupRow>(
    'SELECT g.* FROM groups g JOIN group_members m ON m.group_id = g.id WHERE m.openid = ? ORDER BY g.created_at, g.id LIMIT ?',
  ),
}

export async function insertGroup(db: Db, g: GroupRecord) {
  await db.execute(q.insertGroup, g)
}

export async function getGroup(db: Db, id: string) {
  const row = await db.get(q.group, id)
  return row && groupFromRow(row)
}

export async function getGroupByInvite(db: Db, code: string) {
  const row = await db.get(q.groupByInvite, code)
  return row && groupFromRow(row)
}

export async function setInviteCode(db: Db, groupId: string, code: string) {
  await db.execute(q.setInvite, code, groupId)
}

export async function addMember(db: Db, groupId: string, openid: string, at: string) {
  return (await db.execute(q.addMember, groupId, openid, at)) === 1
}

export async function removeMember(db: Db, groupId: string, openid: string) {
  return (await db.execute(q.removeMember, groupId, openid)) === 1
}

export async function isMember(db: Db, groupId: string, openid: string) {
  return ((await db.get(q.isMember, groupId, openid))?.n ?? 0) > 0
}

/** The group's members in the order they joined, at most `limit`. */
export async function groupMembers(db: Db, groupId: string, limit = GROUP_MEMBERS_LIMIT) {
  return (await db.query(q.members, groupId, limit)).map((m) => ({ openid: m.openid, nickname: m.nickname ?? DELETED_NICKNAME }))
}

/** The person's groups, oldest first, at most `limit`. */
export async function groupsOf(db: Db, openid: string, limit = GROUPS_PER_PERSON_LIMIT) {
  return (await db.query(q.groupsOf, openid, limit)).map(groupFromRow)
}
