/**
 * The city's grams by how they were proven (issue 24's public dashboard): counter rows by factor and evidence as
 * entries write them, in per-person slots like the community counters, kept in each entry's own transaction. The
 * level each pair counts for is src/core/evidence's rule, applied when the dashboard reads them. Entries written
 * before this migration are added into slot 0 (a reversal written then names no evidence: it counts against its
 * factor's plain level).
 */
import { TABLE, type Migration } from './types'

const BACKFILL = `INSERT INTO evidence_grams (factor_id, evidence, slot, grams)
  SELECT factor_id, COALESCE(evidence, ''), 0, SUM(grams) FROM entries
  WHERE factor_id IS NOT NULL AND type IN ('checkin', 'adjust') GROUP BY factor_id, COALESCE(evidence, '')`

const sqlite = `
CREATE TABLE IF NOT EXISTS evidence_grams (
  factor_id TEXT NOT NULL,
  evidence TEXT NOT NULL,
  slot INTEGER NOT NULL,
  grams INTEGER NOT NULL,
  PRIMARY KEY (factor_id, evidence, slot)
) WITHOUT ROWID;
${BACKFILL};
`

const migration: Migration = {
  version: 16,
  name: 'grams by factor and evidence, for the public share by evidence level',
  sqlite,
  mysql: [
    `CREATE TABLE evidence_grams (
      factor_id VARCHAR(64) NOT NULL, evidence VARCHAR(24) NOT NULL, slot INT NOT NULL, grams BIGINT NOT NULL,
      PRIMARY KEY (factor_id, evidence, slot)) ${TABLE}`,
    BACKFILL,
  ],
}

export default migration
