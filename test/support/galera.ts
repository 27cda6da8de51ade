/**
 * A three-node MariaDB Galera cluster on loopback for the reliability suite (`npm run test:galera`): Debian's
 * galera-4 and three `mariadbd` of their own, each with a datadir under one temp dir, on ports asked of the
 * kernel so they never meet the normal MariaDB on 3306 or a second run. Node 1 bootstraps the cluster
 * (--wsrep-new-cluster); nodes 2 and 3 join empty and receive a copy by rsync SST. Only the processes started
 * here are ever signalled, by pid.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import mysql from 'mysql2/promise'

const MARIADBD = '/usr/sbin/mariadbd'
const PROVIDER = '/usr/lib/galera/libgalera_smm.so'
const NODES = 3

export interface GaleraNode {
  /** 1, 2, 3 */
  n: number
  port: number
  socket: string
  child?: ChildProcess
}

export interface GaleraCluster {
  nodes: GaleraNode[]
  /** mysql://glp:glp@127.0.0.1:<node's port>/<database>, one a node */
  urls(database: string): string[]
  /** a root connection to node n (over its socket), for what the suite sets up or reads behind the cloud's back */
  admin(n: number): Promise<mysql.Connection>
  /** SIGKILL, as a machine dying: no shutdown, no leave message to the other nodes */
  kill(n: number): Promise<void>
  /** starts node n again; it rejoins by IST or SST and is back once Synced */
  restart(n: number): Promise<void>
  /** stops every node still running (SIGTERM, then SIGKILL after 20 s) and removes the data */
  stop(): Promise<void>
}

/** Ports the kernel says are free now (held together, so the answers differ). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const s = createServer()
          s.once('error', reject)
          s.listen(0, '127.0.0.1', () => resolve(s))
        }),
    ),
  )
  const ports = servers.map((s) => (s.address() as { port: number }).port)
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))
  return ports
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function status(socket: string): Promise<{ size: number; state: string } | undefined> {
  try {
    const c = await mysql.createConnection({ socketPath: socket, user: 'root', connectTimeout: 1000 })
    try {
      const [rows] = (await c.query("SHOW STATUS WHERE Variable_name IN ('wsrep_cluster_size', 'wsrep_local_state_comment')")) as unknown as [
        { Variable_name: string; Value: string }[],
      ]
      const v = Object.fromEntries(rows.map((r) => [r.Variable_name, r.Value]))
      return { size: Number(v.wsrep_cluster_size), state: v.wsrep_local_state_comment }
    } finally {
      await c.end()
    }
  } catch {
    return undefined
  }
}

export async function startGalera(options: { log?: (line: string) => void } = {}): Promise<GaleraCluster> {
  const log = options.log ?? (() => undefined)
  const dir = mkdtempSync(join(tmpdir(), 'glp-galera-'))
  const asRoot = process.getuid?.() === 0
  // per node: SQL, Galera group communication, IST, SST
  const ports = await freePorts(NODES * 4)
  const gcomm = Array.from({ length: NODES }, (_, i) => `127.0.0.1:${ports[NODES + i]}`).join(',')
  const nodes: GaleraNode[] = []
  for (let i = 0; i < NODES; i++) {
    const n = i + 1
    const data = join(dir, `node${n}`)
    const node: GaleraNode = { n, port: ports[i], socket: join(dir, `node${n}.sock`) }
    nodes.push(node)
    // a joiner starts empty: rsync SST fills its datadir before InnoDB opens it
    mkdirSync(data)
    writeFileSync(
      join(dir, `node${n}.cnf`),
      [
        '[mariadbd]',
        `datadir=${data}`,
        `port=${node.port}`,
        `socket=${node.socket}`,
        `pid-file=${join(dir, `node${n}.pid`)}`,
        `log-error=${join(dir, `node${n}.err`)}`,
        'bind-address=127.0.0.1',
        // As root, mariadbd runs as mysql: its rsync SST daemon would otherwise run as nobody and be refused
        // the joiner's datadir.
        ...(asRoot ? ['user=mysql'] : []),
        'skip-name-resolve',
        // What Galera requires: row events, InnoDB, interleaved auto-increment locks (writesets apply in parallel).
        'binlog_format=ROW',
        'default_storage_engine=InnoDB',
        'innodb_autoinc_lock_mode=2',
        'innodb_flush_log_at_trx_commit=2',
        'innodb_buffer_pool_size=64M',
        'innodb_log_file_size=16M',
        'max_connections=300',
        'wsrep_on=ON',
        `wsrep_provider=${PROVIDER}`,
        `wsrep_cluster_address=gcomm://${gcomm}`,
        'wsrep_cluster_name=glp_test',
        `wsrep_node_name=node${n}`,
        `wsrep_node_address=127.0.0.1:${ports[NODES + i]}`,
        `wsrep_sst_receive_address=127.0.0.1:${ports[3 * NODES + i]}`,
        'wsrep_sst_method=rsync',
        'wsrep_slave_threads=2',
        // A dead node is declared dead after ~2 s instead of the default 5-15 s: the survivors' writes stall
        // until it is, and the suite kills one on purpose.
        `wsrep_provider_options="ist.recv_addr=127.0.0.1:${ports[2 * NODES + i]};gcache.size=64M;evs.keepalive_period=PT0.5S;evs.inactive_check_period=PT0.5S;evs.suspect_timeout=PT2S;evs.inactive_timeout=PT3S;evs.install_timeout=PT3S"`,
        '',
      ].join('\n'),
    )
  }
  if (asRoot) spawnSync('chown', ['-R', 'mysql:mysql', dir])
  const install = spawnSync('mariadb-install-db', [`--defaults-file=${join(dir, 'node1.cnf')}`, '--auth-root-authentication-method=normal', '--skip-test-db'], {
    encoding: 'utf8',
  })
  if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr}`)

  const launch = (node: GaleraNode, bootstrap: boolean) => {
    // --wsrep-new-cluster on node 1's first start only: a restarted node rejoins the cluster that is there.
    const args = [`--defaults-file=${join(dir, `node${node.n}.cnf`)}`, ...(bootstrap ? ['--wsrep-new-cluster'] : [])]
    // what mariadbd says before its error log is open (a bad option) lands in that log too
    const err = openSync(join(dir, `node${node.n}.err`), 'a')
    if (asRoot) spawnSync('chown', ['mysql:mysql', join(dir, `node${node.n}.err`)])
    node.child = spawn(MARIADBD, args, { stdio: ['ignore', err, err] })
    node.child.once('exit', () => (node.child = undefined))
  }
  const errorLog = (n: number) => spawnSync('tail', ['-n', '30', join(dir, `node${n}.err`)], { encoding: 'utf8' }).stdout
  const synced = async (node: GaleraNode, size: number, timeoutMs = 60_000) => {
    const until = Date.now() + timeoutMs
    for (;;) {
      const s = await status(node.socket)
      if (s && s.size === size && s.state === 'Synced') return
      if (!node.child || Date.now() > until)
        throw new Error(`galera node ${node.n} not Synced in a cluster of ${size} (${JSON.stringify(s)}):\n${errorLog(node.n)}`)
      await sleep(200)
    }
  }

  // A run that ends without stop() (a failed beforeAll, jest's forceExit) must not leave three mariadbd behind.
  const killAll = () => nodes.forEach((node) => node.child?.kill('SIGKILL'))
  process.once('exit', killAll)

  const cluster: GaleraCluster = {
    nodes,
    urls: (database) => nodes.map((node) => `mysql://glp:glp@127.0.0.1:${node.port}/${database}`),
    admin: (n) => mysql.createConnection({ socketPath: nodes[n - 1].socket, user: 'root', multipleStatements: true, decimalNumbers: true }),
    async kill(n) {
      const child = nodes[n - 1].child
      if (!child) return
      const gone = new Promise((r) => child.once('exit', r))
      child.kill('SIGKILL')
      await gone
    },
    async restart(n) {
      const node = nodes[n - 1]
      if (node.child) throw new Error(`galera node ${n} is running`)
      launch(node, false)
      await synced(node, NODES)
    },
    async stop() {
      process.off('exit', killAll)
      await Promise.all(
        nodes.map(async (node) => {
          const child = node.child
          if (!child) return
          const gone = new Promise((r) => child.once('exit', r))
          child.kill('SIGTERM')
          const force = setTimeout(() => child.kill('SIGKILL'), 20_000)
          await gone
          clearTimeout(force)
        }),
      )
      // GALERA_KEEP=1 keeps the datadirs and error logs for a look after a failed run
      if (process.env.GALERA_KEEP === '1') log(`galera: data kept in ${dir}`)
      else rmSync(dir, { recursive: true, force: true })
    },
  }

  try {
    const startedMs = Date.now()
    launch(nodes[0], true)
    await synced(nodes[0], 1)
    // Users and grants are replicated (TOI): made once, on the first node, before anyone joins.
    const root = await cluster.admin(1)
    await root.query(`CREATE USER IF NOT EXISTS 'glp'@'127.0.0.1' IDENTIFIED BY 'glp'; GRANT ALL ON *.* TO 'glp'@'127.0.0.1';`)
    await root.end()
    // One joiner at a time: an rsync donor serves one SST and stays Donor/Desynced meanwhile.
    for (const node of nodes.slice(1)) {
      launch(node, false)
      await synced(node, node.n)
    }
    for (const node of nodes) await synced(node, NODES)
    log(`galera: 3 nodes Synced on ports ${nodes.map((x) => x.port).join(', ')} in ${Date.now() - startedMs} ms`)
    return cluster
  } catch (error) {
    await cluster.stop()
    throw error
  }
}
