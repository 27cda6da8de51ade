/**
 * Counters for the per-person reward limit and for project totals (split into slots by person), filled once
 * from the redemptions and the donate entries (all into slot 0: the slot only spreads later writers).
 */
import { TABLE, type Migration } from './types'

const sqlite = `
CREATE TABLE IF NOT EXISTS reward_holdings (
  openid TEXT NOT NULL,
  reward_id TEXT NOT NULL,
  held INTEGER NOT NULL CHECK (held >= 0),
  PRIMARY KEY (openid, reward_id)
) WITHOUT ROWID;
INSERT INTO reward_holdings (openid, reward_id, held)
  SELECT openid, reward_id, COUNT(*) FROM redemptions WHERE status IN ('pending', 'fulfilled') GROUP BY openid, reward_id;
CREATE TABLE IF NOT EXISTS project_donations (
  project_id TEXT NOT NULL,
  openid TEXT NOT NULL,
  points INTEGER NOT NULL,
  PRIMARY KEY (project_id, openid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS project_donations_by_donor ON project_donations (openid);
INSERT INTO project_donations (project_id, openid, points)
  SELECT ref, openid, -SUM(points) FROM entries WHERE type = 'donate' GROUP BY ref, openid;
CREATE TABLE IF NOT EXISTS project_slots (
  project_id TEXT NOT NULL,
  slot INTEGER NOT NULL,
  raised INTEGER NOT NULL,
  donors INTEGER NOT NULL,
  PRIMARY KEY (project_id, slot)
) WITHOUT ROWID;
INSERT INTO project_slots (project_id, slot, raised, donors)
  SELECT project_id, 0, SUM(points), COUNT(*) FROM project_donations GROUP BY project_id;
`

const migration: Migration = {
  version: 3,
  name: 'reward holdings per person; project totals in per-person slots',
  sqlite,
  mysql: [
    `CREATE TABLE reward_holdings (
      openid VARCHAR(64) NOT NULL, reward_id VARCHAR(64) NOT NULL, held BIGINT NOT NULL CHECK (held >= 0),
      PRIMARY KEY (openid, reward_id)) ${TABLE}`,
    `INSERT INTO reward_holdings (openid, reward_id, held)
      SELECT openid, reward_id, COUNT(*) FROM redemptions WHERE status IN ('pending', 'fulfilled') GROUP BY openid, reward_id`,
    `CREATE TABLE project_donations (
      project_id VARCHAR(64) NOT NULL, openid VARCHAR(64) NOT NULL, points BIGINT NOT NULL,
      PRIMARY KEY (project_id, openid), KEY project_donations_by_donor (openid)) ${TABLE}`,
    `INSERT INTO project_donations (project_id, openid, points)
      SELECT ref, openid, -SUM(points) FROM entries WHERE type = 'donate' GROUP BY ref, openid`,
    `CREATE TABLE project_slots (
      project_id VARCHAR(64) NOT NULL, slot INT NOT NULL, raised BIGINT NOT NULL, donors BIGINT NOT NULL,
      PRIMARY KEY (project_id, slot)) ${TABLE}`,
    `INSERT INTO project_slots (project_id, slot, raised, donors)
      SELECT project_id, 0, SUM(points), COUNT(*) FROM project_donations GROUP BY project_id`,
  ],
}

export default migration
