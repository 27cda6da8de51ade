/** Starts the real mock cloud (`npm run cloud`'s entry) as a child process and waits for its ready line. */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { freshMysqlDatabase, MYSQL_URL } from './database'

export interface RunningServer {
  url: string
  /** where its data is: the SQLite file, or the MySQL database */
  database: { path?: string; url?: string }
  child: ChildProcess
  stop(signal?: NodeJS.Signals): Promise<void>
}

const ROOT = join(__dirname, '..', '..')

/**
 * With TEST_DATABASE_URL the server runs on MySQL: a database of its own per DB_PATH, so a server restarted
 * on the same DB_PATH (after SIGKILL) finds its data, as it would on SQLite.
 */
export async function startServer(env: Record<string, string>, timeoutMs = 30_000): Promise<RunningServer> {
  if (MYSQL_URL && env.DB_PATH && !env.DATABASE_URL && !env.MYSQL_ADDRESS) {
    env = { ...env, DATABASE_URL: (await freshMysqlDatabase(env.DB_PATH)).url }
  }
  return spawnServer(env, timeoutMs)
}

/** Rows of one table of a running (or stopped) server's database, read behind its back, for assertions. */
export async function tableRows<T = Record<string, unknown>>(server: RunningServer, sql: string, params: unknown[] = []): Promise<T[]> {
  if (server.database.url) {
    const mysql = await import('mysql2/promise')
    const c = await mysql.createConnection({ uri: server.database.url, decimalNumbers: true })
    try {
      const [rows] = await c.query(sql, params)
      return rows as T[]
    } finally {
      await c.end()
    }
  }
  const Database = (await import('better-sqlite3')).default
  const db = new Database(server.database.path as string, { readonly: true })
  try {
    return db.prepare(sql).all(...params) as T[]
  } finally {
    db.close()
  }
}

function withoutDatabase(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const {
    DATABASE_URL: _url,
    DATABASE_URLS: _urls,
    MYSQL_ADDRESS: _address,
    MYSQL_USERNAME: _user,
    MYSQL_PASSWORD: _password,
    MYSQL_DATABASE: _db,
    ...rest
  } = env
  return rest
}

function spawnServer(env: Record<string, string>, timeoutMs: number): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    // node --import tsx keeps the server one process, so SIGKILL really kills the server (the tsx CLI
    // would put a parent in between).
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'mock/server.ts')], {
      cwd: ROOT,
      // The engine is the test's choice: a DATABASE_URL in the developer's shell does not leak in.
      env: { ...withoutDatabase(process.env), PORT: '0', RATE_LIMIT_BURST: '0', DEV_LOGIN: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`server did not start in time:\n${output}`))
    }, timeoutMs)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /http:\/\/[\d.]+:\d+/.exec(output)
      if (match) {
        clearTimeout(timer)
        child.stdout?.off('data', onData)
        resolve({
          url: match[0],
          database: { path: env.DB_PATH, url: env.DATABASE_URL },
          child,
          stop: (signal = 'SIGTERM') =>
            new Promise((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done()
              child.once('exit', () => done())
              child.kill(signal)
            }),
        })
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited early (${code}):\n${output}`))
    })
  })
}

/** One call; with timeoutMs it gives up as a phone does (the app's transport waits 15 s) and the caller retries. */
export async function post(url: string, name: string, data: unknown, token?: string, timeoutMs?: number): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/cloud/${name}`, {
    method: 'POST',
    // Connection: close so no keep-alive socket outlives a test
    headers: { 'Content-Type': 'application/json', Connection: 'close', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ data }),
    signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
  })
  return { status: res.status, body: await res.json() }
}
