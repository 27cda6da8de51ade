/**
 * Merchants (issue 24 item 5): a merchant partner's counter (address, opening hours, where it is, in
 * micro-degrees so both engines keep the same integers), the residents appointed as its staff, and on rewards and
 * vouchers the merchant an offer belongs to and the city's subsidy per voucher in fen (a voucher's is written when
 * it is handed out, so a later change of the offer's subsidy never rewrites a settled month).
 */
import { TABLE, type Migration } from './types'

const sqlite = `
CREATE TABLE IF NOT EXISTS merchants (
  partner_id TEXT PRIMARY KEY,
  address TEXT NOT NULL,
  opening_hours TEXT NOT NULL,
  latitude_e6 INTEGER NOT NULL,
  longitude_e6 INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS merchant_staff (
  partner_id TEXT NOT NULL,
  openid TEXT NOT NULL,
  appointed_by TEXT NOT NULL,
  appointed_at TEXT NOT NULL,
  PRIMARY KEY (partner_id, openid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS merchant_staff_by_person ON merchant_staff (openid, partner_id);
ALTER TABLE rewards ADD COLUMN merchant_id TEXT NOT NULL DEFAULT '';
ALTER TABLE rewards ADD COLUMN subsidy_fen INTEGER NOT NULL DEFAULT 0 CHECK (subsidy_fen >= 0);
CREATE INDEX IF NOT EXISTS rewards_by_merchant ON rewards (merchant_id, active);
ALTER TABLE redemptions ADD COLUMN merchant_id TEXT NOT NULL DEFAULT '';
ALTER TABLE redemptions ADD COLUMN subsidy_fen INTEGER NOT NULL DEFAULT 0 CHECK (subsidy_fen >= 0);
CREATE INDEX IF NOT EXISTS redemptions_by_merchant ON redemptions (merchant_id, status, closed_at);
`

const migration: Migration = {
  version: 17,
  name: 'merchants: counters, staff, offers and their subsidy per voucher',
  sqlite,
  mysql: [
    `CREATE TABLE merchants (
      partner_id VARCHAR(64) PRIMARY KEY, address VARCHAR(200) NOT NULL, opening_hours VARCHAR(100) NOT NULL,
      latitude_e6 BIGINT NOT NULL, longitude_e6 BIGINT NOT NULL, updated_by VARCHAR(64) NOT NULL,
      updated_at VARCHAR(40) NOT NULL) ${TABLE}`,
    `CREATE TABLE merchant_staff (
      partner_id VARCHAR(64) NOT NULL, openid VARCHAR(64) NOT NULL, appointed_by VARCHAR(64) NOT NULL,
      appointed_at VARCHAR(40) NOT NULL, PRIMARY KEY (partner_id, openid),
      KEY merchant_staff_by_person (openid, partner_id)) ${TABLE}`,
    `ALTER TABLE rewards ADD COLUMN merchant_id VARCHAR(64) NOT NULL DEFAULT '',
      ADD COLUMN subsidy_fen BIGINT NOT NULL DEFAULT 0 CHECK (subsidy_fen >= 0),
      ADD INDEX rewards_by_merchant (merchant_id, active)`,
    `ALTER TABLE redemptions ADD COLUMN merchant_id VARCHAR(64) NOT NULL DEFAULT '',
      ADD COLUMN subsidy_fen BIGINT NOT NULL DEFAULT 0 CHECK (subsidy_fen >= 0),
      ADD INDEX redemptions_by_merchant (merchant_id, status, closed_at)`,
  ],
}

export default migration
