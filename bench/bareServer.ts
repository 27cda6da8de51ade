/** The HTTP floor: a bare Node server that parses JSON and does one SQLite insert per request. */
import Database from 'better-sqlite3'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

const db = new Database(process.env.DB_PATH ?? ':memory:')
db.pragma('journal_mode = WAL')
db.pragma('synchronous = NORMAL')
db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)')
const insert = db.prepare('INSERT INTO t (body) VALUES (?)')
const server = createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    const info = insert.run(JSON.stringify(body))
    const text = JSON.stringify({ result: { id: Number(info.lastInsertRowid) } })
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) })
    res.end(text)
  })
})
server.listen(0, '127.0.0.1', () => console.log(`bare server ready at http://127.0.0.1:${(server.address() as AddressInfo).port}`))
