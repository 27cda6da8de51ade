/**
 * Stopping without cutting calls: on SIGTERM the server stops accepting connections, answers every request it
 * had accepted (up to a deadline), and only then may the database be closed. Closing it first is what made
 * handlers still running fail with "database connection is not open".
 *
 * A connection is judged by what arrived on it, not by whether Node has parsed a request yet: under load a
 * request can sit read-but-unparsed for a while, and http.Server#close() would close such a connection as
 * idle (Node 19+), which the client sees as a hang-up on a call it had sent.
 */
import type { Server } from 'node:http'
import { Server as NetServer, type Socket } from 'node:net'

export interface Drainer {
  readonly draining: boolean
  /** requests being answered now */
  readonly inFlight: number
  /** stops accepting, waits for the requests in flight until `deadlineMs` from now; answers how many it had to cut */
  drain(deadlineMs: number): Promise<{ cut: number }>
  /** runs background work (a sweep, a reminder pass) that a drain waits for like a call */
  background<T>(work: () => Promise<T>): Promise<T>
}

/**
 * How long a connection that has sent nothing yet is waited for. Under load (and through cluster's hand-off from
 * the primary) a client's request can arrive well after its connection was taken; one that sends nothing in this
 * time is a pre-opened connection with no call on it.
 */
const FRESH_GRACE_MS = 1_000

interface Connection {
  /** requests on it not answered yet */
  active: number
  /** requests on it answered */
  served: number
}

export function drainable(server: Server): Drainer {
  const connections = new Map<Socket, Connection>()
  let inFlight = 0
  let running = 0
  let draining = false
  let wake: (() => void) | undefined
  const settle = () => {
    if (connections.size === 0 && running === 0) wake?.()
  }
  /** Kept alive after its answers, with nothing being answered: it can be let go without anyone losing a call. */
  const idle = (c: Connection) => c.active === 0 && c.served > 0
  /** Taken, but nothing has arrived on it. */
  const silent = (socket: Socket, c: Connection) => c.active === 0 && c.served === 0 && socket.bytesRead === 0

  server.on('connection', (socket: Socket) => {
    connections.set(socket, { active: 0, served: 0 })
    socket.once('close', () => {
      connections.delete(socket)
      settle()
    })
  })
  // Before the gateway's own listener, so the header is set while the answer can still carry it.
  server.prependListener('request', (req, res) => {
    inFlight++
    const connection = connections.get(req.socket)
    if (connection) connection.active++
    // The connection closes after this answer: this process takes no next call on it.
    if (draining) res.setHeader('Connection', 'close')
    res.once('close', () => {
      inFlight--
      if (connection) {
        connection.active--
        connection.served++
        // Answered before the drain began, so kept alive: nothing more will be answered on it.
        if (draining && idle(connection)) req.socket.end()
      }
      settle()
    })
  })

  return {
    get draining() {
      return draining
    },
    get inFlight() {
      return inFlight
    },
    async drain(deadlineMs) {
      const deadline = Date.now() + deadlineMs
      draining = true
      // Connections already waiting in the listen backlog are taken in by the next poll of the event loop (the
      // signal was handled in this one), not reset by the close; a connection arriving after it still can be.
      await new Promise((resolve) => setImmediate(resolve))
      await new Promise((resolve) => setImmediate(resolve))
      // net's close, not http's: it stops accepting without closing connections whose request is not parsed yet.
      NetServer.prototype.close.call(server)
      for (const [socket, c] of connections) if (idle(c)) socket.end()
      if (connections.size > 0 || running > 0) {
        let timer: NodeJS.Timeout | undefined
        const grace = setTimeout(
          () => {
            for (const [socket, c] of connections) if (silent(socket, c)) socket.end()
          },
          Math.min(FRESH_GRACE_MS, deadlineMs),
        )
        await new Promise<void>((resolve) => {
          wake = resolve
          timer = setTimeout(resolve, Math.max(0, deadline - Date.now()))
          settle()
        })
        clearTimeout(timer)
        clearTimeout(grace)
      }
      let cut = 0
      for (const [socket, c] of connections) {
        if (!idle(c) && !silent(socket, c)) cut++
        socket.destroy()
      }
      return { cut }
    },
    async background(work) {
      running++
      try {
        return await work()
      } finally {
        running--
        settle()
      }
    },
  }
}
