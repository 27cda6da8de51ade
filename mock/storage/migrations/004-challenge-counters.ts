/**
 * Challenge counters: participants per challenge in per-person slots (an open challenge is joined by the
 * whole city), each group's value per challenge (written by that group's members only), and a member who
 * leaves drops off the board (left_ms, inside the board index so a rank stays one range count). Recent
 * station drops per person and station, so a burst is judged from one row on both clocks. Pooled "no group"
 * values are not carried over: group targets count real groups only.
 */
import { TABLE, type Migration } from './types'

const sqlite = `
ALTER TABLE challenge_participants ADD COLUMN left_ms INTEGER;
DROP INDEX IF EXISTS challenge_board;
CREATE INDEX challenge_board ON challenge_participants (challenge_id, left_ms, value DESC, value_ms);
CREATE INDEX IF NOT EXISTS challenge_by_group ON challenge_participants (challenge_id, group_id);
CREATE TABLE IF NOT EXISTS challenge_slots (
  challenge_id TEXT NOT NULL,
  slot INTEGER NOT NULL,
  participants INTEGER NOT NULL,
  PRIMARY KEY (challenge_id, slot)
) WITHOUT ROWID;
INSERT INTO challenge_slots (challenge_id, slot, participants)
  SELECT challenge_id, 0, COUNT(*) FROM challenge_participants GROUP BY challenge_id;
CREATE TABLE IF NOT EXISTS challenge_group_values (
  challenge_id TEXT NOT NULL,
  group_id TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (challenge_id, group_id)
) WITHOUT ROWID;
INSERT INTO challenge_group_values (challenge_id, group_id, value)
  SELECT challenge_id, group_id, SUM(value) FROM challenge_participants WHERE group_id IS NOT NULL GROUP BY challenge_id, group_id;
CREATE INDEX IF NOT EXISTS challenge_group_board ON challenge_group_values (challenge_id, value DESC);
CREATE TABLE IF NOT EXISTS station_drops (
  openid TEXT NOT NULL,
  station_code TEXT NOT NULL,
  recent TEXT NOT NULL,
  PRIMARY KEY (openid, station_code)
) WITHOUT ROWID;
`

const migration: Migration = {
  version: 4,
  name: 'challenge participants in slots, group values, leaving members; recent station drops',
  sqlite,
  mysql: [
    `ALTER TABLE challenge_participants ADD COLUMN left_ms BIGINT`,
    `ALTER TABLE challenge_participants DROP INDEX challenge_board,
      ADD INDEX challenge_board (challenge_id, left_ms, value DESC, value_ms),
      ADD INDEX challenge_by_group (challenge_id, group_id)`,
    `CREATE TABLE challenge_slots (
      challenge_id VARCHAR(64) NOT NULL, slot INT NOT NULL, participants BIGINT NOT NULL,
      PRIMARY KEY (challenge_id, slot)) ${TABLE}`,
    `INSERT INTO challenge_slots (challenge_id, slot, participants)
      SELECT challenge_id, 0, COUNT(*) FROM challenge_participants GROUP BY challenge_id`,
    `CREATE TABLE challenge_group_values (
      challenge_id VARCHAR(64) NOT NULL, group_id VARCHAR(64) NOT NULL, value BIGINT NOT NULL,
      PRIMARY KEY (challenge_id, group_id), KEY challenge_group_board (challenge_id, value DESC)) ${TABLE}`,
    `INSERT INTO challenge_group_values (challenge_id, group_id, value)
      SELECT challenge_id, group_id, SUM(value) FROM challenge_participants WHERE group_id IS NOT NULL GROUP BY challenge_id, group_id`,
    `CREATE TABLE station_drops (
      openid VARCHAR(64) NOT NULL, station_code VARCHAR(64) NOT NULL, recent TEXT NOT NULL,
      PRIMARY KEY (openid, station_code)) ${TABLE}`,
  ],
}

export default migration
