/**
 * Reminders residents opt into: the kinds a person chose (on the wallet row, which every credit already reads
 * with its lock, so a check-in learns it for free), the sends WeChat granted (one per acceptance of a subscribe
 * message), and the outbox every reminder is written to by the transaction of the event that causes it.
 */
import { TABLE, type Migration } from './types'

const sqlite = `
ALTER TABLE wallets ADD COLUMN reminder_kinds TEXT;
CREATE TABLE IF NOT EXISTS reminder_credits (
  openid TEXT NOT NULL,
  kind TEXT NOT NULL,
  credits INTEGER NOT NULL CHECK (credits >= 0),
  PRIMARY KEY (openid, kind)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reminders (
  id TEXT PRIMARY KEY,
  openid TEXT NOT NULL,
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  due_ms INTEGER NOT NULL,
  params TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_ms INTEGER NOT NULL,
  delivered_at TEXT,
  read_at TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS reminders_to_send ON reminders (status, next_ms);
CREATE INDEX IF NOT EXISTS reminders_by_person ON reminders (openid, due_ms);
`

const migration: Migration = {
  version: 8,
  name: 'reminders: opted-in kinds, WeChat send credits, the outbox',
  sqlite,
  mysql: [
    `ALTER TABLE wallets ADD COLUMN reminder_kinds VARCHAR(120)`,
    `CREATE TABLE reminder_credits (
      openid VARCHAR(64) NOT NULL, kind VARCHAR(24) NOT NULL, credits BIGINT NOT NULL CHECK (credits >= 0),
      PRIMARY KEY (openid, kind)) ${TABLE}`,
    `CREATE TABLE reminders (
      id VARCHAR(160) PRIMARY KEY, openid VARCHAR(64) NOT NULL, kind VARCHAR(24) NOT NULL, ref VARCHAR(80) NOT NULL,
      due_ms BIGINT NOT NULL, params TEXT NOT NULL, status VARCHAR(12) NOT NULL, attempts INT NOT NULL DEFAULT 0,
      next_ms BIGINT NOT NULL, delivered_at VARCHAR(40), read_at VARCHAR(40),
      KEY reminders_to_send (status, next_ms), KEY reminders_by_person (openid, due_ms)) ${TABLE}`,
  ],
}

export default migration
