// Shared by jest.config.js and the global teardown: which MySQL server the suites may use.
const mysql = require('mysql2/promise')

const LOCAL_MYSQL = 'mysql://glp:glp@127.0.0.1:3306/glp'

function serverUri(url) {
  const server = new URL(url)
  server.pathname = '/'
  return server.toString()
}

/** The server the suites may use ({ url, shown }), or why there is none ({ shown, why }). */
async function findMysql() {
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || LOCAL_MYSQL
  const shown = url.replace(/\/\/([^:@/]+):[^@]*@/, '//$1@')
  try {
    const c = await mysql.createConnection({ uri: serverUri(url), connectTimeout: 1500 })
    try {
      // Every cloud under test gets its own throw-away database glp_t_…: a user who owns only one database
      // would fail each test with "Access denied", so say once which grant is missing.
      const probe = `glp_t_probe_${process.pid}`
      try {
        await c.query(`CREATE DATABASE IF NOT EXISTS \`${probe}\``)
        await c.query(`DROP DATABASE IF EXISTS \`${probe}\``)
      } catch (error) {
        const user = new URL(url).username || 'the user'
        return {
          shown,
          why: `${error.code}: ${user} may not create the throw-away databases the suites use; grant it with GRANT ALL ON \`glp\\_%\`.* TO '${user}'@'<host>'`,
        }
      }
    } finally {
      await c.end()
    }
    return { url, shown }
  } catch (error) {
    return { shown, why: `no server answered (${error.code || error.message})` }
  }
}

/** The environment variable naming this test run: its databases are glp_t_<run>_… (test/support/database.ts). */
const TEST_RUN_ENV = 'GLP_TEST_RUN'

/** Drops this run's throw-away databases (those of another run, say CI's on the same server, stay). */
async function dropTestDatabases(url, run = process.env[TEST_RUN_ENV]) {
  if (!/^[0-9a-f]{8}$/.test(run ?? '')) return
  const c = await mysql.createConnection({ uri: serverUri(url) })
  try {
    const [rows] = await c.query(`SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name LIKE 'glp\\_t\\_${run}\\_%'`)
    for (const { name } of rows) await c.query(`DROP DATABASE IF EXISTS \`${name}\``)
  } finally {
    await c.end()
  }
}

module.exports = { findMysql, dropTestDatabases, TEST_RUN_ENV }
