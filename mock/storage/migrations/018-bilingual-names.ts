/**
 * Bilingual names (issue 23): rewards, stations, projects, communities and events keep their Chinese name where
 * the name was (old clients read it) and get an English one beside it ('' when there is none); rewards and
 * projects get an English description too, and a voucher the English name its reward had when it was redeemed. The mixed names already stored ("帆布袋 Canvas bag") are split by
 * src/core/bilingual.ts, on both engines alike (the `splits` data step).
 */
import { splitMixedName } from '../../../src/core/bilingual'
import type { Migration } from './types'

const sqlite = `
ALTER TABLE rewards ADD COLUMN title_en TEXT NOT NULL DEFAULT '';
ALTER TABLE rewards ADD COLUMN description_en TEXT NOT NULL DEFAULT '';
ALTER TABLE stations ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN title_en TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN description_en TEXT NOT NULL DEFAULT '';
ALTER TABLE communities ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN title_en TEXT NOT NULL DEFAULT '';
ALTER TABLE redemptions ADD COLUMN reward_title_en TEXT NOT NULL DEFAULT '';
`

const split = splitMixedName

const migration: Migration = {
  version: 18,
  name: 'bilingual names: an English name beside the Chinese one, mixed names split',
  sqlite,
  mysql: [
    `ALTER TABLE rewards ADD COLUMN title_en VARCHAR(200) NOT NULL DEFAULT '', ADD COLUMN description_en TEXT NOT NULL DEFAULT ''`,
    `ALTER TABLE stations ADD COLUMN name_en VARCHAR(200) NOT NULL DEFAULT ''`,
    `ALTER TABLE projects ADD COLUMN title_en VARCHAR(200) NOT NULL DEFAULT '', ADD COLUMN description_en TEXT NOT NULL DEFAULT ''`,
    `ALTER TABLE communities ADD COLUMN name_en VARCHAR(100) NOT NULL DEFAULT ''`,
    `ALTER TABLE events ADD COLUMN title_en VARCHAR(100) NOT NULL DEFAULT ''`,
    `ALTER TABLE redemptions ADD COLUMN reward_title_en TEXT NOT NULL DEFAULT ''`,
  ],
  splits: [
    { table: 'rewards', from: 'title', into: 'title_en', split },
    { table: 'rewards', from: 'description', into: 'description_en', split },
    { table: 'stations', from: 'name', into: 'name_en', split },
    { table: 'projects', from: 'title', into: 'title_en', split },
    { table: 'projects', from: 'description', into: 'description_en', split },
    { table: 'communities', from: 'name', into: 'name_en', split, unique: true },
    { table: 'events', from: 'title', into: 'title_en', split },
    { table: 'redemptions', from: 'reward_title', into: 'reward_title_en', split },
  ],
}

export default migration
