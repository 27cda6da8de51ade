/**
 * Public-welfare events (issue 13). An event's places and budget live on its own row, changed by conditional
 * updates (a place is taken only while one is free; a reward is paid only while the budget holds), as a reward's
 * stock is. Each resident's sign-up is one row keyed by event and person: attended once, paid once.
 */
import { TABLE, type Migration } from './types'

const sqlite = `
CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY,
  community_id TEXT NOT NULL,
  title TEXT NOT NULL,
  place TEXT NOT NULL,
  starts_ms INTEGER NOT NULL,
  ends_ms INTEGER NOT NULL,
  slots INTEGER NOT NULL CHECK (slots > 0),
  taken INTEGER NOT NULL DEFAULT 0 CHECK (taken >= 0 AND taken <= slots),
  reward_points INTEGER NOT NULL CHECK (reward_points >= 0),
  budget_points INTEGER NOT NULL CHECK (budget_points >= 0),
  budget_spent INTEGER NOT NULL DEFAULT 0 CHECK (budget_spent >= 0 AND budget_spent <= budget_points),
  secret TEXT NOT NULL,
  creator TEXT NOT NULL,
  created_at TEXT NOT NULL,
  cancelled_at TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS events_by_community ON events (community_id, ends_ms);
CREATE INDEX IF NOT EXISTS events_by_end ON events (ends_ms);
CREATE TABLE IF NOT EXISTS event_signups (
  event_id TEXT NOT NULL,
  openid TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('signed', 'cancelled', 'attended')),
  signed_at TEXT NOT NULL,
  attended_at TEXT,
  bonus_entry_id TEXT,
  PRIMARY KEY (event_id, openid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_signups_by_person ON event_signups (openid, signed_at);
`

const migration: Migration = {
  version: 10,
  name: 'public-welfare events: places, budgets and sign-ups',
  sqlite,
  mysql: [
    `CREATE TABLE events (
      id VARCHAR(64) PRIMARY KEY, community_id VARCHAR(64) NOT NULL, title VARCHAR(100) NOT NULL, place VARCHAR(200) NOT NULL,
      starts_ms BIGINT NOT NULL, ends_ms BIGINT NOT NULL, slots BIGINT NOT NULL CHECK (slots > 0),
      taken BIGINT NOT NULL DEFAULT 0 CHECK (taken >= 0 AND taken <= slots), reward_points BIGINT NOT NULL CHECK (reward_points >= 0),
      budget_points BIGINT NOT NULL CHECK (budget_points >= 0),
      budget_spent BIGINT NOT NULL DEFAULT 0 CHECK (budget_spent >= 0 AND budget_spent <= budget_points),
      secret VARCHAR(64) NOT NULL, creator VARCHAR(64) NOT NULL, created_at VARCHAR(40) NOT NULL, cancelled_at VARCHAR(40),
      KEY events_by_community (community_id, ends_ms), KEY events_by_end (ends_ms)) ${TABLE}`,
    `CREATE TABLE event_signups (
      event_id VARCHAR(64) NOT NULL, openid VARCHAR(64) NOT NULL, status VARCHAR(12) NOT NULL CHECK (status IN ('signed', 'cancelled', 'attended')),
      signed_at VARCHAR(40) NOT NULL, attended_at VARCHAR(40), bonus_entry_id VARCHAR(64),
      PRIMARY KEY (event_id, openid), KEY event_signups_by_person (openid, signed_at)) ${TABLE}`,
  ],
}

export default migration
