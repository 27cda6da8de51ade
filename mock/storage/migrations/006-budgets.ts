/**
 * Funded bonuses: a challenge pays bonus points only from a budget organizers funded (every funding kept with
 * who and when), and a completion without budget left earns a badge (completed_ms) instead. Bonuses paid
 * before budgets existed are carried over as funded and spent, so the books balance from the first day.
 */
import { TABLE, type Migration } from './types'

const sqlite = `
ALTER TABLE challenges ADD COLUMN budget_points INTEGER NOT NULL DEFAULT 0 CHECK (budget_points >= 0);
ALTER TABLE challenges ADD COLUMN budget_spent INTEGER NOT NULL DEFAULT 0 CHECK (budget_spent >= 0);
UPDATE challenges SET budget_points = COALESCE((SELECT SUM(points) FROM entries WHERE type = 'bonus' AND ref = challenges.id), 0),
  budget_spent = COALESCE((SELECT SUM(points) FROM entries WHERE type = 'bonus' AND ref = challenges.id), 0);
ALTER TABLE challenge_participants ADD COLUMN completed_ms INTEGER;
UPDATE challenge_participants SET completed_ms = value_ms WHERE bonus_entry_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS budget_fundings (
  id TEXT PRIMARY KEY,
  challenge_id TEXT NOT NULL,
  openid TEXT NOT NULL,
  points INTEGER NOT NULL CHECK (points > 0),
  created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS budget_fundings_by_challenge ON budget_fundings (challenge_id);
ALTER TABLE entries ADD COLUMN steps INTEGER;
INSERT INTO budget_fundings (id, challenge_id, openid, points, created_at)
  SELECT 'bf_migrated_' || id, id, creator, budget_points, created_at FROM challenges WHERE budget_points > 0;
`

const migration: Migration = {
  version: 6,
  name: 'challenge budgets funded by organizers; badges for unfunded completions; verified steps on entries',
  sqlite,
  mysql: [
    `ALTER TABLE challenges ADD COLUMN budget_points BIGINT NOT NULL DEFAULT 0 CHECK (budget_points >= 0),
      ADD COLUMN budget_spent BIGINT NOT NULL DEFAULT 0 CHECK (budget_spent >= 0)`,
    `UPDATE challenges c SET budget_points = COALESCE((SELECT SUM(points) FROM entries WHERE type = 'bonus' AND ref = c.id), 0),
      budget_spent = COALESCE((SELECT SUM(points) FROM entries WHERE type = 'bonus' AND ref = c.id), 0)`,
    `ALTER TABLE challenge_participants ADD COLUMN completed_ms BIGINT`,
    `UPDATE challenge_participants SET completed_ms = value_ms WHERE bonus_entry_id IS NOT NULL`,
    `CREATE TABLE budget_fundings (
      id VARCHAR(80) PRIMARY KEY, challenge_id VARCHAR(64) NOT NULL, openid VARCHAR(64) NOT NULL,
      points BIGINT NOT NULL CHECK (points > 0), created_at VARCHAR(40) NOT NULL,
      KEY budget_fundings_by_challenge (challenge_id)) ${TABLE}`,
    `INSERT INTO budget_fundings (id, challenge_id, openid, points, created_at)
      SELECT CONCAT('bf_migrated_', id), id, creator, budget_points, created_at FROM challenges WHERE budget_points > 0`,
    `ALTER TABLE entries ADD COLUMN steps BIGINT`,
  ],
}

export default migration
