#!/usr/bin/env node
// `npm run check:container`: what the Cloud Run image runs, run here without Docker. Builds dist/server from
// scratch (npm run build:server), reads the final stage of the Dockerfile (its ENV, WORKDIR layout and CMD),
// starts that command from dist/server the way the image would (with PORT and DB_PATH moved to free, temporary
// places), and checks /healthz and real calls in Cloud Run mode: identity from the gateway's headers only.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const APPID = 'wx0123456789abcdef'
let passed = 0
const failures = []
const check = (ok, what) => {
  if (ok) passed++
  else failures.push(what)
  console.log(`${ok ? 'ok' : 'FAIL'} - ${what}`)
}

// The final stage: everything after the last FROM.
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8')
const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '))
const cmdLine = /^CMD\s+(\[.*\])\s*$/m.exec(finalStage)
if (!cmdLine) throw new Error('the Dockerfile has no exec-form CMD in its final stage')
const [command, ...args] = JSON.parse(cmdLine[1])
const imageEnv = {}
for (const [, body] of finalStage.matchAll(/^ENV\s+(.+)$/gm)) {
  for (const [, key, value] of body.matchAll(/(\w+)=(\S+)/g)) imageEnv[key] = value
}
const config = JSON.parse(readFileSync(join(ROOT, 'container.config.json'), 'utf8'))
check(String(imageEnv.PORT) === String(config.containerPort), `the image listens on containerPort ${config.containerPort}`)

const built = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, stdio: 'inherit' })
if (built.status !== 0) process.exit(built.status ?? 1)

const dir = mkdtempSync(join(tmpdir(), 'glp-container-'))
const env = {
  PATH: process.env.PATH,
  ...imageEnv,
  ...config.envParams,
  WX_APPID: APPID,
  PORT: '0',
  // The check runs on a throw-away SQLite file; a real service gets Cloud Run's MySQL (MYSQL_ADDRESS), and
  // without it (or this explicit trial flag) the server refuses to start, as the check below sees.
  DB_PATH: join(dir, 'cloud.sqlite'),
  WX_CLOUDRUN_ALLOW_SQLITE: '1',
}
const { WX_CLOUDRUN_ALLOW_SQLITE: _trial, ...withoutTrial } = env
const refused = spawnSync(command === 'node' ? process.execPath : command, args, {
  cwd: join(ROOT, 'dist/server'),
  env: withoutTrial,
  encoding: 'utf8',
  timeout: 30_000,
})
check(refused.status !== 0 && /WX_CLOUDRUN=1 needs MySQL/.test(refused.stderr), 'without MySQL the container refuses to start on SQLite, saying why')
// A start that fails on a database it cannot open: its stack must name the TypeScript file, not the bundle.
const unopenable = spawnSync(command === 'node' ? process.execPath : command, args, {
  cwd: join(ROOT, 'dist/server'),
  env: { ...env, DB_PATH: dir },
  encoding: 'utf8',
  timeout: 30_000,
})
check(
  unopenable.status !== 0 && /mock\/storage\/[\w/]+\.ts:\d+:\d+/.test(`${unopenable.stdout}${unopenable.stderr}`),
  'an error stack from the built server names mock/storage/….ts (source maps ship and are on)',
)
console.log(
  `starting \`${[command, ...args].join(' ')}\` in dist/server with ${Object.keys(env)
    .filter((k) => k !== 'PATH')
    .join(', ')}`,
)
const child = spawn(command === 'node' ? process.execPath : command, args, { cwd: join(ROOT, 'dist/server'), env, stdio: ['ignore', 'pipe', 'pipe'] })
let output = ''
child.stderr.on('data', (c) => (output += c))
const port = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`not ready in 30 s:\n${output}`)), 30_000)
  child.stdout.on('data', (c) => {
    output += c
    const m = /http:\/\/[\d.]+:(\d+)/.exec(output)
    if (m) {
      clearTimeout(timer)
      resolve(m[1])
    }
  })
  child.once('exit', (code) => reject(new Error(`exited (${code}):\n${output}`)))
})
const base = `http://127.0.0.1:${port}`
check(/identity from WeChat Cloud Run/.test(output), 'the server says it takes identity from WeChat Cloud Run')

const health = await fetch(`${base}/healthz`)
check(health.status === 200 && (await health.json()).ok === true, 'GET /healthz answers { ok: true }')

const call = (name, data, headers) =>
  fetch(`${base}/cloud/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ data }) }).then(
    async (r) => ({ status: r.status, body: await r.json() }),
  )
const wx = { 'X-WX-OPENID': 'oContainerCheck0001', 'X-WX-APPID': APPID }

const login = await call('login', { code: 'container-check-code' }, wx)
check(
  login.status === 200 && login.body.result.token === '' && login.body.result.roles.join() === 'resident',
  'login reports the platform identity, with no token',
)
const checkIn = await call('checkIn', { requestId: 'container-check-1', kind: 'travel', mode: 'bus', distanceKm: 4, durationMin: 15 }, wx)
check(checkIn.status === 200 && checkIn.body.result.entry.gramsCo2e === 104, 'a check-in through the gateway headers credits 104 g (bus, 4 km)')
const wallet = await call('getWallet', {}, wx)
check(wallet.status === 200 && wallet.body.result.wallet.gramsCo2eTotal === 104, 'the same person sees it in their wallet')
const anonymous = await call('getWallet', {}, {})
check(anonymous.status === 401 && anonymous.body.error.code === 'UNAUTHENTICATED', 'a call without the gateway headers is refused (401)')
const foreign = await call('getWallet', {}, { ...wx, 'X-WX-APPID': 'wxffffffffffffffff' })
check(foreign.status === 401, 'a call for another mini-program is refused (401)')
const dev = await call('login', { code: 'dev:organizer' }, {})
check(dev.status === 401, 'dev login does not exist in the image')

child.kill('SIGTERM')
await new Promise((r) => child.once('exit', r))
console.log(`container check: ${passed} passed, ${failures.length} failed`)
process.exit(failures.length ? 1 : 0)
