/**
 * The city's partners (issue 24): who they are and what they may report, the signed requests they made (a nonce
 * is taken once), every row they sent keyed by their own row id forever (a re-sent batch credits nothing twice),
 * and the accounts residents linked at them. A partner's user id is kept only as a keyed hash.
 */
import { TABLE, type Migration } from './types'

const sqlite = `
CREATE TABLE IF NOT EXISTS partners (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  feeds TEXT NOT NULL,
  community_id TEXT NOT NULL,
  sealed_secret TEXT NOT NULL,
  secret_version INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS partner_nonces (
  partner_id TEXT NOT NULL,
  nonce TEXT NOT NULL,
  seen_at_ms INTEGER NOT NULL,
  PRIMARY KEY (partner_id, nonce)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS partner_nonces_by_age ON partner_nonces (seen_at_ms);
CREATE TABLE IF NOT EXISTS partner_rows (
  partner_id TEXT NOT NULL,
  row_id TEXT NOT NULL,
  op TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('accepted', 'refused')),
  code TEXT,
  ref TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (partner_id, row_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS partner_links (
  partner_id TEXT NOT NULL,
  partner_user_hash TEXT NOT NULL,
  openid TEXT NOT NULL,
  linked_at TEXT NOT NULL,
  PRIMARY KEY (partner_id, partner_user_hash)
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS partner_links_by_person ON partner_links (openid, partner_id);
CREATE TABLE IF NOT EXISTS partner_link_codes (
  code TEXT PRIMARY KEY,
  openid TEXT NOT NULL,
  partner_id TEXT NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  used_at TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS partner_link_codes_by_person ON partner_link_codes (openid, expires_at_ms);
`

const migration: Migration = {
  version: 14,
  name: 'partners: signed feeds, their rows, linked accounts',
  sqlite,
  mysql: [
    `CREATE TABLE partners (
      id VARCHAR(64) PRIMARY KEY, name VARCHAR(100) NOT NULL, kind VARCHAR(20) NOT NULL, feeds VARCHAR(100) NOT NULL,
      community_id VARCHAR(64) NOT NULL, sealed_secret VARCHAR(200) NOT NULL, secret_version BIGINT NOT NULL,
      created_by VARCHAR(64) NOT NULL, created_at VARCHAR(40) NOT NULL, revoked_at VARCHAR(40)) ${TABLE}`,
    `CREATE TABLE partner_nonces (
      partner_id VARCHAR(64) NOT NULL, nonce VARCHAR(64) NOT NULL, seen_at_ms BIGINT NOT NULL,
      PRIMARY KEY (partner_id, nonce), KEY partner_nonces_by_age (seen_at_ms)) ${TABLE}`,
    `CREATE TABLE partner_rows (
      partner_id VARCHAR(64) NOT NULL, row_id VARCHAR(64) NOT NULL, op VARCHAR(12) NOT NULL,
      status VARCHAR(12) NOT NULL CHECK (status IN ('accepted', 'refused')), code VARCHAR(40), ref VARCHAR(64),
      created_at VARCHAR(40) NOT NULL, PRIMARY KEY (partner_id, row_id)) ${TABLE}`,
    `CREATE TABLE partner_links (
      partner_id VARCHAR(64) NOT NULL, partner_user_hash VARCHAR(64) NOT NULL, openid VARCHAR(64) NOT NULL,
      linked_at VARCHAR(40) NOT NULL, PRIMARY KEY (partner_id, partner_user_hash),
      UNIQUE KEY partner_links_by_person (openid, partner_id)) ${TABLE}`,
    `CREATE TABLE partner_link_codes (
      code VARCHAR(16) PRIMARY KEY, openid VARCHAR(64) NOT NULL, partner_id VARCHAR(64) NOT NULL,
      expires_at_ms BIGINT NOT NULL, used_at VARCHAR(40), KEY partner_link_codes_by_person (openid, expires_at_ms)) ${TABLE}`,
  ],
}

export default migration
