#!/usr/bin/env node
// `npm start`: builds the H5 app when it is missing or older than its sources, then serves it and the
// mock cloud (with demo data) on one origin. CITY=<city> builds and serves that city's branding
// (src/branding/cities/<city>.ts) from dist/h5-<city>.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const city = process.env.CITY?.trim() || 'default'
const distDir = join(root, city === 'default' ? 'dist/h5' : `dist/h5-${city}`)
const builtIndex = join(distDir, 'index.html')

function newestMtime(path) {
  const s = statSync(path)
  if (!s.isDirectory()) return s.mtimeMs
  return readdirSync(path).reduce((m, name) => Math.max(m, newestMtime(join(path, name))), s.mtimeMs)
}

const sources = ['src', 'config', 'babel.config.js', 'package.json'].map((p) => join(root, p))
const stale = !existsSync(builtIndex) || sources.some((p) => newestMtime(p) > statSync(builtIndex).mtimeMs)
// SKIP_BUILD=1 skips rebuilding a build that exists, never the first build.
if (!existsSync(builtIndex) || (stale && process.env.SKIP_BUILD !== '1')) {
  console.log('Building the H5 app (about 30–60 s the first time)…')
  const build = spawnSync(process.execPath, [join(root, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'h5'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
    maxBuffer: 256 * 1024 * 1024,
  })
  if (build.status !== 0) {
    // Taro prints the real cause (a config error such as an unknown CITY, a compile error) on stdout, followed
    // by a generic line of its own: show the error lines themselves, not the last screenful.
    const output = `${build.stdout}\n${build.stderr}`.split('\n')
    const causes = output.filter((line) => /^\s*(\w*Error\b|ERROR\b|Module (build|not) found|✖)/.test(line))
    console.error((causes.length > 0 ? causes.slice(0, 12) : output.slice(-30)).join('\n'))
    console.error('The H5 build failed; run `npm run build:h5` to see all of it.')
    process.exit(build.status ?? 1)
  }
}

// A port already in use would end in a Node stack trace from the server; say it in one line instead.
const host = process.env.HOST || '127.0.0.1'
const port = Number(process.env.PORT || 3000)
const free = await new Promise((resolve) => {
  const probe = createServer()
  probe.once('error', (error) => resolve(error.code !== 'EADDRINUSE'))
  probe.listen(port, host, () => probe.close(() => resolve(true)))
})
if (!free) {
  console.error(`Port ${port} on ${host} is already in use (another npm start?): stop it, or start on another port with PORT=<port> npm start.`)
  process.exit(1)
}

const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'mock/server.ts')], {
  cwd: root,
  stdio: 'inherit',
  // Dev login is for this machine only: the server refuses it on any HOST but loopback.
  env: { STATIC_DIR: distDir, DEMO_DATA: '1', DEV_LOGIN: '1', ...process.env },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
