/**
 * Points held for review: a flagged check-in's points stay in the balance but cannot be spent until an
 * organizer decides, so a reversal always finds them. Filled once from the open reviews (never more than
 * the balance, for wallets that spent such points before this release). A person's total across factors per
 * day is a counter row beside the per-factor ones (factor '*'), and their recent trips sit on their wallet row,
 * read with its lock, for the overlap check.
 */
import type { Migration } from './types'

const sqlite = `
ALTER TABLE wallets ADD COLUMN points_held INTEGER NOT NULL DEFAULT 0 CHECK (points_held >= 0);
UPDATE wallets SET points_held = MIN(points_balance, COALESCE((
  SELECT SUM(e.points) FROM reviews r JOIN entries e ON e.id = r.entry_id WHERE r.status = 'open' AND r.openid = wallets.openid AND e.points > 0
), 0));
INSERT INTO day_factor_grams (openid, day, factor_id, grams)
  SELECT openid, day, '*', SUM(grams) FROM day_factor_grams WHERE factor_id <> '*' GROUP BY openid, day;
ALTER TABLE wallets ADD COLUMN recent_trips TEXT;
`

const migration: Migration = {
  version: 5,
  name: 'points held for review; a day total across factors; recent trips per person',
  sqlite,
  mysql: [
    `ALTER TABLE wallets ADD COLUMN points_held BIGINT NOT NULL DEFAULT 0 CHECK (points_held >= 0)`,
    `UPDATE wallets w SET points_held = LEAST(w.points_balance, COALESCE((
      SELECT SUM(e.points) FROM reviews r JOIN entries e ON e.id = r.entry_id WHERE r.status = 'open' AND r.openid = w.openid AND e.points > 0
    ), 0))`,
    `INSERT INTO day_factor_grams (openid, day, factor_id, grams)
      SELECT openid, day, '*', SUM(grams) FROM day_factor_grams WHERE factor_id <> '*' GROUP BY openid, day`,
    `ALTER TABLE wallets ADD COLUMN recent_trips TEXT`,
  ],
}

export default migration
