/**
 * The MySQL-family schema as numbered migrations, applied in order at start and recorded in
 * schema_migrations, so a database made by an earlier release upgrades in place. InnoDB, utf8mb4 with a binary
 * collation (codes and handles compare exactly, as in SQLite), integers for grams and points, instants as
 * ISO-8601 strings. No triggers and no foreign keys: TiDB has neither, and correctness never rests on them
 * (append-only is kept by the code, the tests and verifyLedger).
 */
const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin'

export interface Migration {
  version: number
  name: string
  statements: string[]
}

export const MYSQL_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'v1.1 schema: ledger, rewards, reviews, projects, groups, challenges, identity',
    statements: [
      `CREATE TABLE meta (\`key\` VARCHAR(64) PRIMARY KEY, value TEXT NOT NULL) ${TABLE}`,
      `CREATE TABLE users (
        openid VARCHAR(64) PRIMARY KEY, handle VARCHAR(200) NOT NULL UNIQUE, nickname TEXT NOT NULL, roles VARCHAR(64) NOT NULL,
        created_at VARCHAR(40) NOT NULL, deleted_at VARCHAR(40)) ${TABLE}`,
      `CREATE TABLE wechat_sessions (openid VARCHAR(64) PRIMARY KEY, session_key VARCHAR(128) NOT NULL, updated_at VARCHAR(40) NOT NULL) ${TABLE}`,
      `CREATE TABLE organizer_grants (openid VARCHAR(64) PRIMARY KEY, granted_at VARCHAR(40) NOT NULL, revoked_at VARCHAR(40)) ${TABLE}`,
      `CREATE TABLE organizer_grant_history (
        id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, openid VARCHAR(64) NOT NULL,
        action VARCHAR(8) NOT NULL CHECK (action IN ('grant', 'revoke')), at VARCHAR(40) NOT NULL) ${TABLE}`,
      `CREATE TABLE privacy_agreements (openid VARCHAR(64) PRIMARY KEY, version BIGINT NOT NULL, agreed_at VARCHAR(40) NOT NULL) ${TABLE}`,
      `CREATE TABLE methodologies (version VARCHAR(32) PRIMARY KEY, grams_per_point BIGINT NOT NULL CHECK (grams_per_point > 0)) ${TABLE}`,
      `CREATE TABLE factors (
        version VARCHAR(32) NOT NULL, id VARCHAR(64) NOT NULL, body TEXT NOT NULL, ordinal BIGINT NOT NULL AUTO_INCREMENT,
        PRIMARY KEY (version, id), UNIQUE KEY factors_order (ordinal)) ${TABLE}`,
      `CREATE TABLE stations (code VARCHAR(32) PRIMARY KEY, name TEXT NOT NULL, materials TEXT NOT NULL) ${TABLE}`,
      `CREATE TABLE rewards (
        id VARCHAR(64) PRIMARY KEY, title TEXT NOT NULL, description TEXT NOT NULL, image_url TEXT,
        points_cost BIGINT NOT NULL CHECK (points_cost > 0), stock BIGINT NOT NULL CHECK (stock >= 0),
        per_user_limit BIGINT NOT NULL CHECK (per_user_limit > 0), valid_days BIGINT NOT NULL CHECK (valid_days > 0),
        active TINYINT NOT NULL DEFAULT 1, created_at VARCHAR(40) NOT NULL) ${TABLE}`,
      `CREATE TABLE redemptions (
        id VARCHAR(64) PRIMARY KEY, openid VARCHAR(64) NOT NULL, reward_id VARCHAR(64) NOT NULL, reward_title TEXT NOT NULL,
        code VARCHAR(32) NOT NULL UNIQUE, status VARCHAR(16) NOT NULL CHECK (status IN ('pending', 'fulfilled', 'cancelled', 'expired')),
        points_cost BIGINT NOT NULL CHECK (points_cost > 0), created_at VARCHAR(40) NOT NULL, expires_at VARCHAR(40) NOT NULL,
        expires_at_ms BIGINT NOT NULL, closed_at VARCHAR(40), verified_by VARCHAR(64),
        KEY redemptions_by_owner (openid, reward_id, status), KEY redemptions_due (status, expires_at_ms)) ${TABLE}`,
      `CREATE TABLE reviews (
        id VARCHAR(64) PRIMARY KEY, entry_id VARCHAR(64) NOT NULL UNIQUE, openid VARCHAR(64) NOT NULL, reasons TEXT NOT NULL,
        status VARCHAR(16) NOT NULL CHECK (status IN ('open', 'confirmed', 'reversed')), created_at VARCHAR(40) NOT NULL,
        decided_by VARCHAR(64), decided_at VARCHAR(40), adjust_entry_id VARCHAR(64),
        KEY reviews_by_status (status, created_at)) ${TABLE}`,
      `CREATE TABLE projects (
        id VARCHAR(64) PRIMARY KEY, title TEXT NOT NULL, description TEXT NOT NULL, goal_points BIGINT NOT NULL CHECK (goal_points > 0),
        active TINYINT NOT NULL DEFAULT 1, created_at VARCHAR(40) NOT NULL) ${TABLE}`,
      `CREATE TABLE \`groups\` (
        id VARCHAR(64) PRIMARY KEY, name TEXT NOT NULL, invite_code VARCHAR(16) NOT NULL UNIQUE, leader VARCHAR(64) NOT NULL,
        created_at VARCHAR(40) NOT NULL) ${TABLE}`,
      `CREATE TABLE group_members (
        group_id VARCHAR(64) NOT NULL, openid VARCHAR(64) NOT NULL, joined_at VARCHAR(40) NOT NULL,
        PRIMARY KEY (group_id, openid), KEY group_members_by_user (openid)) ${TABLE}`,
      `CREATE TABLE challenges (
        id VARCHAR(64) PRIMARY KEY, group_id VARCHAR(64), creator VARCHAR(64) NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL,
        metric VARCHAR(16) NOT NULL CHECK (metric IN ('gramsCo2e', 'checkins', 'recyclingKg', 'travelKm')), mode VARCHAR(16),
        target_member BIGINT CHECK (target_member > 0), target_group BIGINT CHECK (target_group > 0),
        start_day CHAR(10) NOT NULL, end_day CHAR(10) NOT NULL, bonus_points BIGINT NOT NULL CHECK (bonus_points > 0),
        created_at VARCHAR(40) NOT NULL, KEY challenges_by_group (group_id, created_at)) ${TABLE}`,
      `CREATE TABLE challenge_participants (
        challenge_id VARCHAR(64) NOT NULL, openid VARCHAR(64) NOT NULL, group_id VARCHAR(64), joined_ms BIGINT NOT NULL,
        value BIGINT NOT NULL DEFAULT 0, value_ms BIGINT NOT NULL, bonus_entry_id VARCHAR(64),
        PRIMARY KEY (challenge_id, openid), KEY challenge_board (challenge_id, value DESC, value_ms), KEY challenge_by_user (openid)) ${TABLE}`,
      `CREATE TABLE requests (
        openid VARCHAR(64) NOT NULL, request_id VARCHAR(64) NOT NULL, fn VARCHAR(64) NOT NULL, payload_hash CHAR(64) NOT NULL,
        result_ref VARCHAR(64) NOT NULL, capped TINYINT NOT NULL, PRIMARY KEY (openid, request_id)) ${TABLE}`,
      `CREATE TABLE wallets (
        openid VARCHAR(64) PRIMARY KEY, grams_total BIGINT NOT NULL, points_balance BIGINT NOT NULL CHECK (points_balance >= 0),
        points_earned BIGINT NOT NULL CHECK (points_earned >= 0), points_spent BIGINT NOT NULL CHECK (points_spent >= 0),
        head_seq BIGINT NOT NULL, head_hash CHAR(64) NOT NULL, CHECK (points_earned - points_spent = points_balance)) ${TABLE}`,
      `CREATE TABLE entries (
        openid VARCHAR(64) NOT NULL, seq BIGINT NOT NULL CHECK (seq > 0), id VARCHAR(64) NOT NULL UNIQUE, type VARCHAR(16) NOT NULL,
        grams BIGINT NOT NULL, points BIGINT NOT NULL, factor_id VARCHAR(64), source_version VARCHAR(64), methodology_version VARCHAR(32),
        day CHAR(10) NOT NULL, created_at VARCHAR(40) NOT NULL, occurred_at VARCHAR(40), ref VARCHAR(64),
        distance_m BIGINT, duration_s BIGINT, weight_g BIGINT, station_code VARCHAR(32), prev_hash CHAR(64) NOT NULL, hash CHAR(64) NOT NULL,
        PRIMARY KEY (openid, seq), KEY entries_by_ref (ref), KEY entries_by_day (openid, day, factor_id), KEY entries_by_day_all (day, type)) ${TABLE}`,
    ],
  },
  {
    version: 2,
    name: 'daily-cap counters: grams per person, day and factor, kept with each entry',
    statements: [
      `CREATE TABLE day_factor_grams (
        openid VARCHAR(64) NOT NULL, day CHAR(10) NOT NULL, factor_id VARCHAR(64) NOT NULL, grams BIGINT NOT NULL,
        PRIMARY KEY (openid, day, factor_id)) ${TABLE}`,
      // Filled from the ledger once, with the rule as it stands in src/core/credit.ts (check-ins and reversals).
      `INSERT INTO day_factor_grams (openid, day, factor_id, grams)
        SELECT openid, day, factor_id, SUM(grams) FROM entries
        WHERE factor_id IS NOT NULL AND type IN ('checkin', 'adjust') GROUP BY openid, day, factor_id`,
    ],
  },
  {
    version: 3,
    name: 'reward holdings per person; project totals in per-person slots',
    statements: [
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
  },
  {
    version: 4,
    name: 'challenge participants in slots, group values, leaving members; recent station drops',
    statements: [
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
  },
  {
    version: 5,
    name: 'points held for review; a day total across factors; recent trips per person',
    statements: [
      `ALTER TABLE wallets ADD COLUMN points_held BIGINT NOT NULL DEFAULT 0 CHECK (points_held >= 0)`,
      `UPDATE wallets w SET points_held = LEAST(w.points_balance, COALESCE((
        SELECT SUM(e.points) FROM reviews r JOIN entries e ON e.id = r.entry_id WHERE r.status = 'open' AND r.openid = w.openid AND e.points > 0
      ), 0))`,
      `INSERT INTO day_factor_grams (openid, day, factor_id, grams)
        SELECT openid, day, '*', SUM(grams) FROM day_factor_grams WHERE factor_id <> '*' GROUP BY openid, day`,
      `ALTER TABLE wallets ADD COLUMN recent_trips TEXT`,
    ],
  },
  {
    version: 6,
    name: 'challenge budgets funded by organizers; badges for unfunded completions; verified steps on entries',
    statements: [
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
  },
  {
    version: 7,
    name: 'rotating station codes: station secrets, used codes, evidence on entries',
    statements: [
      `ALTER TABLE stations ADD COLUMN secret VARCHAR(64)`,
      `CREATE TABLE display_code_uses (
        openid VARCHAR(64) NOT NULL, station_code VARCHAR(64) NOT NULL, window_no BIGINT NOT NULL,
        PRIMARY KEY (openid, station_code, window_no)) ${TABLE}`,
      `ALTER TABLE entries ADD COLUMN evidence VARCHAR(24)`,
    ],
  },
  {
    version: 8,
    name: 'reminders: opted-in kinds, WeChat send credits, the outbox',
    statements: [
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
  },
  {
    version: 9,
    name: 'communities: scoped organizers, station details and retirement, community counters in slots',
    statements: [
      `CREATE TABLE communities (
        id VARCHAR(64) PRIMARY KEY, name VARCHAR(100) NOT NULL, created_at VARCHAR(40) NOT NULL,
        UNIQUE KEY communities_by_name (name)) ${TABLE}`,
      `ALTER TABLE wallets ADD COLUMN community_id VARCHAR(64) NOT NULL DEFAULT '', ADD COLUMN community_set_ms BIGINT`,
      `ALTER TABLE organizer_grants ADD COLUMN community_id VARCHAR(64)`,
      `ALTER TABLE stations ADD COLUMN community_id VARCHAR(64) NOT NULL DEFAULT '', ADD COLUMN address VARCHAR(200) NOT NULL DEFAULT '',
        ADD COLUMN hours VARCHAR(100) NOT NULL DEFAULT '', ADD COLUMN retired_at VARCHAR(40)`,
      `ALTER TABLE rewards ADD COLUMN community_id VARCHAR(64) NOT NULL DEFAULT ''`,
      `ALTER TABLE reviews ADD COLUMN community_id VARCHAR(64) NOT NULL DEFAULT '', ADD KEY reviews_by_community (community_id, status, created_at)`,
      `ALTER TABLE entries ADD COLUMN community_id VARCHAR(64) NOT NULL DEFAULT '', ADD KEY entries_by_community_day (community_id, day),
        ADD KEY entries_by_hash (hash)`,
      `CREATE TABLE community_counters (
        community_id VARCHAR(64) NOT NULL, slot INT NOT NULL, residents BIGINT NOT NULL, grams BIGINT NOT NULL,
        PRIMARY KEY (community_id, slot)) ${TABLE}`,
      `CREATE TABLE community_day_grams (
        community_id VARCHAR(64) NOT NULL, day VARCHAR(10) NOT NULL, slot INT NOT NULL, grams BIGINT NOT NULL,
        PRIMARY KEY (community_id, day, slot)) ${TABLE}`,
      `INSERT INTO community_counters (community_id, slot, residents, grams)
        SELECT '', 0, (SELECT COUNT(*) FROM wallets WHERE head_seq > 0), COALESCE((SELECT SUM(grams) FROM entries), 0)`,
      `INSERT INTO community_day_grams (community_id, day, slot, grams)
        SELECT '', day, 0, SUM(grams) FROM entries GROUP BY day HAVING SUM(grams) <> 0`,
    ],
  },
  {
    version: 10,
    name: 'public-welfare events: places, budgets and sign-ups',
    statements: [
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
  },
  {
    version: 11,
    name: 'round 3 trust: the treasury, purses and budget returns',
    statements: [
      `CREATE TABLE treasury (
        id VARCHAR(16) PRIMARY KEY, issued BIGINT NOT NULL DEFAULT 0 CHECK (issued >= 0),
        allocated BIGINT NOT NULL DEFAULT 0, CHECK (allocated >= 0 AND allocated <= issued)) ${TABLE}`,
      `CREATE TABLE treasury_months (month CHAR(7) PRIMARY KEY, issued BIGINT NOT NULL CHECK (issued >= 0)) ${TABLE}`,
      `CREATE TABLE treasury_issuances (
        id VARCHAR(64) PRIMARY KEY, openid VARCHAR(64) NOT NULL, points BIGINT NOT NULL CHECK (points > 0), reason TEXT NOT NULL,
        month CHAR(7) NOT NULL, created_at VARCHAR(40) NOT NULL, KEY treasury_issuances_by_time (created_at)) ${TABLE}`,
      `CREATE TABLE allowances (
        purse VARCHAR(64) PRIMARY KEY, granted BIGINT NOT NULL DEFAULT 0 CHECK (granted >= 0),
        spent BIGINT NOT NULL DEFAULT 0, CHECK (spent >= 0 AND spent <= granted)) ${TABLE}`,
      `CREATE TABLE allowance_grants (
        id VARCHAR(64) PRIMARY KEY, purse VARCHAR(64) NOT NULL, openid VARCHAR(64) NOT NULL, points BIGINT NOT NULL CHECK (points > 0),
        reason TEXT NOT NULL, created_at VARCHAR(40) NOT NULL, KEY allowance_grants_by_purse (purse, created_at)) ${TABLE}`,
      `ALTER TABLE budget_fundings ADD COLUMN purse VARCHAR(64) NOT NULL DEFAULT ''`,
      `CREATE TABLE budget_returns (
        id VARCHAR(80) PRIMARY KEY, budget_id VARCHAR(64) NOT NULL, purse VARCHAR(64) NOT NULL, openid VARCHAR(64) NOT NULL,
        points BIGINT NOT NULL CHECK (points > 0), created_at VARCHAR(40) NOT NULL) ${TABLE}`,
      `ALTER TABLE events ADD COLUMN budget_closed_at VARCHAR(40), ADD KEY events_budget_open (budget_closed_at, ends_ms)`,
      `ALTER TABLE challenges ADD COLUMN budget_closed_at VARCHAR(40), ADD KEY challenges_budget_open (budget_closed_at, end_day)`,
      // Budgets funded before the treasury are carried over as issued and allocated to the city's purse.
      `INSERT INTO treasury (id, issued, allocated) SELECT 'city', COALESCE(SUM(points), 0), COALESCE(SUM(points), 0) FROM budget_fundings`,
      `INSERT INTO treasury_months (month, issued) SELECT '0000-00', SUM(points) FROM budget_fundings HAVING COUNT(*) > 0`,
      `INSERT INTO treasury_issuances (id, openid, points, reason, month, created_at)
        SELECT 'ti_carried_over', '', SUM(points), 'budgets funded before the treasury, carried over', '0000-00', MIN(created_at) FROM budget_fundings HAVING COUNT(*) > 0`,
      `INSERT INTO allowances (purse, granted, spent) SELECT '', COALESCE(SUM(points), 0), COALESCE(SUM(points), 0) FROM budget_fundings`,
      `INSERT INTO allowance_grants (id, purse, openid, points, reason, created_at)
        SELECT 'ag_carried_over', '', '', SUM(points), 'budgets funded before the treasury, carried over', MIN(created_at) FROM budget_fundings HAVING COUNT(*) > 0`,
      `CREATE TABLE review_holds (
        review_id VARCHAR(64) NOT NULL, entry_id VARCHAR(64) NOT NULL, openid VARCHAR(64) NOT NULL, challenge_id VARCHAR(64) NOT NULL,
        points BIGINT NOT NULL CHECK (points > 0), PRIMARY KEY (review_id, entry_id)) ${TABLE}`,
      `CREATE TABLE departed_identities (
        identity_hash CHAR(64) PRIMARY KEY, carried MEDIUMTEXT NOT NULL, until_ms BIGINT, updated_at VARCHAR(40) NOT NULL,
        KEY departed_identities_by_end (until_ms)) ${TABLE}`,
      `ALTER TABLE wallets ADD COLUMN closed_at VARCHAR(40)`,
      `ALTER TABLE \`groups\` ADD COLUMN closed_at VARCHAR(40)`,
      `CREATE TABLE display_code_windows (
        station_code VARCHAR(64) NOT NULL, window_no BIGINT NOT NULL, uses BIGINT NOT NULL, PRIMARY KEY (station_code, window_no)) ${TABLE}`,
      `ALTER TABLE display_code_uses ADD COLUMN entry_id VARCHAR(64), ADD KEY display_code_uses_by_window (station_code, window_no)`,
      `ALTER TABLE reviews ADD COLUMN held_points BIGINT NOT NULL DEFAULT 0 CHECK (held_points >= 0)`,
      `UPDATE reviews r SET held_points = COALESCE((SELECT GREATEST(e.points, 0) FROM entries e WHERE e.id = r.entry_id), 0) WHERE r.status = 'open'`,
      `ALTER TABLE events ADD COLUMN latitude_e6 BIGINT, ADD COLUMN longitude_e6 BIGINT, ADD COLUMN radius_m BIGINT`,
      `ALTER TABLE event_signups ADD COLUMN distance_m BIGINT`,
      `ALTER TABLE challenge_participants ADD COLUMN pending_value BIGINT NOT NULL DEFAULT 0`,
      `ALTER TABLE challenge_group_values ADD COLUMN pending BIGINT NOT NULL DEFAULT 0`,
      `CREATE TABLE unpaid_by (
        openid VARCHAR(64) NOT NULL, ref VARCHAR(64) NOT NULL, until_ms BIGINT NOT NULL, PRIMARY KEY (openid, ref)) ${TABLE}`,
      // Organizers paid by their own events or challenges: counted by the audit from this release on.
      `INSERT IGNORE INTO meta (\`key\`, value)
        SELECT 'separation_of_duties_since', DATE_FORMAT(UTC_TIMESTAMP() + INTERVAL 8 HOUR, '%Y-%m-%dT%H:%i:%s.000+08:00') FROM DUAL WHERE EXISTS (SELECT 1 FROM entries)`,
    ],
  },
]
