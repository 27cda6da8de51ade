/**
 * The stations a bin or scale partner reports weights for (issue 24): the city registers them with the partner, so
 * a partner's bin credits only where the city put it ('' for a partner that weighs nothing).
 */
import type { Migration } from './types'

const migration: Migration = {
  version: 20,
  name: 'partners: the stations a weighing partner reports for',
  sqlite: `ALTER TABLE partners ADD COLUMN stations TEXT NOT NULL DEFAULT '';`,
  mysql: [`ALTER TABLE partners ADD COLUMN stations VARCHAR(2000) NOT NULL DEFAULT ''`],
}

export default migration
