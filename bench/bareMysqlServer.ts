/**
 * The MySQL floor for checkIn over HTTP: a bare Node HTTP server that, per request, runs one credit-shaped
 * transaction on the same database engine the cloud uses (lock a wallet row, insert an entry, update the
 * wallet, commit) and answers a small JSON body. No validation, hashing or business rules.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import mysql from 'mysql2/promise'

async function main() {
  const pool = mysql.createPool({ uri: process.env.DATABASE_URL as string, connectionLimit: 20 })
  await pool.query('CREATE TABLE IF NOT EXISTS w (openid VARCHAR(64) PRIMARY KEY, grams BIGINT NOT NULL, n BIGINT NOT NULL) ENGINE=InnoDB')
  await pool.query(
    'CREATE TABLE IF NOT EXISTS e (openid VARCHAR(64) NOT NULL, seq BIGINT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (openid, seq)) ENGINE=InnoDB',
  )
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const openid = `u${(JSON.parse(body).data?.user ?? 0) as number}`
      const c = await pool.getConnection()
      try {
        await c.beginTransaction()
        await c.query('INSERT IGNORE INTO w (openid, grams, n) VALUES (?, 0, 0)', [openid])
        const [[row]] = (await c.query('SELECT n FROM w WHERE openid = ? FOR UPDATE', [openid])) as unknown as [{ n: number }[]]
        await c.query('INSERT INTO e (openid, seq, body) VALUES (?, ?, ?)', [openid, row.n + 1, body])
        await c.query('UPDATE w SET grams = grams + 12, n = n + 1 WHERE openid = ?', [openid])
        await c.commit()
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"result":{"ok":true}}')
      } catch (error) {
        await c.rollback().catch(() => undefined)
        res.writeHead(500).end(JSON.stringify({ error: String(error) }))
      } finally {
        c.release()
      }
    })
  })
  server.listen(0, '127.0.0.1', () => console.log(`bare mysql server at http://127.0.0.1:${(server.address() as AddressInfo).port}`))
}

void main()
