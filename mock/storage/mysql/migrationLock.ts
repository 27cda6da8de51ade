/**
 * The lock the migration runner holds, so that workers and instances starting together migrate once, in turn.
 *
 * MySQL, MariaDB and TiDB: GET_LOCK, the server's named lock (as before). Under MariaDB Galera (wsrep_on) a
 * named lock is node-local: two clouds starting against two nodes would both get it and both run the same
 * ALTERs. There the lock is a row instead, taken by an INSERT … ON DUPLICATE KEY UPDATE that changes the row
 * only when it is free or its lease ran out. Two nodes taking it at once both succeed locally, and Galera's
 * certification lets exactly one COMMIT through (the other fails with 1213); whoever then reads its own name
 * in the row holds the lock. A COMMIT that passes certification also waits for every earlier writeset to be
 * applied on its node, so the holder reads the migrations the previous holder recorded.
 *
 * A holder that dies (SIGKILL, a lost machine) cannot release a row: the lease (renewed before each
 * migration) runs out and the next runner takes over. The lease compares the runners' own clocks, which NTP
 * keeps within far less than it; one migration running longer than the lease would let a second runner in,
 * which none of these comes near.
 */
import { randomBytes } from 'node:crypto'
import type { PoolConnection } from 'mysql2/promise'

export interface MigrationLock {
  /** keeps the lock for another lease; throws when it was lost meanwhile */
  renew(): Promise<void>
  release(): Promise<void>
}

const NAME = 'green_life_migrations'
const LEASE_MS = 120_000
/** longer than a lease, so a dead holder's lock is taken over before a waiting runner gives up */
const WAIT_MS = 150_000
/** lost a race for the row: certification failure, deadlock, lock wait, a duplicate insert */
const RACE_ERRNOS = new Set([1213, 1205, 1062])

async function onGalera(c: PoolConnection): Promise<boolean> {
  // SHOW VARIABLES answers an empty set where there is no such variable (MySQL, TiDB), never an error.
  const [rows] = (await c.query("SHOW VARIABLES LIKE 'wsrep_on'")) as unknown as [{ Value: string }[]]
  return rows[0]?.Value === 'ON'
}

async function namedLock(c: PoolConnection): Promise<MigrationLock> {
  const [[lock]] = (await c.query(`SELECT GET_LOCK('${NAME}', 60) AS got`)) as unknown as [{ got: number }[]]
  if (lock?.got !== 1) throw new Error('another process held the migration lock for 60 s')
  return {
    renew: async () => undefined,
    release: async () => void (await c.query(`SELECT RELEASE_LOCK('${NAME}')`)),
  }
}

async function rowLock(c: PoolConnection): Promise<MigrationLock> {
  await c.query(
    'CREATE TABLE IF NOT EXISTS schema_migration_lock (name VARCHAR(64) PRIMARY KEY, holder VARCHAR(64) NOT NULL, expires_ms BIGINT NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin',
  )
  const me = randomBytes(12).toString('hex')
  const holder = async () => {
    const [rows] = (await c.query('SELECT holder FROM schema_migration_lock WHERE name = ?', [NAME])) as unknown as [{ holder: string }[]]
    return rows[0]?.holder
  }
  const deadline = Date.now() + WAIT_MS
  for (;;) {
    const now = Date.now()
    try {
      // Assignments apply left to right: expires_ms moves only when holder has just become (or was) me.
      await c.query(
        `INSERT INTO schema_migration_lock (name, holder, expires_ms) VALUES (?, ?, ?)
          ON DUPLICATE KEY UPDATE holder = IF(expires_ms < ?, VALUES(holder), holder), expires_ms = IF(holder = VALUES(holder), VALUES(expires_ms), expires_ms)`,
        [NAME, me, now + LEASE_MS, now],
      )
    } catch (error) {
      if (!RACE_ERRNOS.has((error as { errno?: number }).errno ?? 0)) throw error
    }
    if ((await holder()) === me) break
    if (Date.now() > deadline) throw new Error(`another process held the migration lock for ${WAIT_MS / 1000} s`)
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 200))
  }
  return {
    async renew() {
      const [result] = (await c.query('UPDATE schema_migration_lock SET expires_ms = ? WHERE name = ? AND holder = ?', [
        Date.now() + LEASE_MS,
        NAME,
        me,
      ])) as unknown as [{ affectedRows: number }]
      if (result.affectedRows !== 1) throw new Error('the migration lock was lost (its lease ran out); another process may be migrating')
    },
    release: async () => void (await c.query('DELETE FROM schema_migration_lock WHERE name = ? AND holder = ?', [NAME, me])),
  }
}

export async function takeMigrationLock(c: PoolConnection): Promise<MigrationLock> {
  return (await onGalera(c)) ? rowLock(c) : namedLock(c)
}
