#!/usr/bin/env node
// `npm start`: builds the H5 app when it is missing or older than its sources, then serves it and the
// mock cloud (with demo data) on one origin. CITY=<city> builds and serves that city's branding
// (src/branding/cities/<city>.ts) from dist/h5-<city>.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
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
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
    maxBuffer: 256 * 1024 * 1024,
  })
  if (build.status !== 0) {
    console.error(String(build.stderr).slice(-4000))
    console.error('The H5 build failed; run `npm run build:h5` to see all of it.')
    process.exit(build.status ?? 1)
  }
}

const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'mock/server.ts')], {
  cwd: root,
  stdio: 'inherit',
  // Dev login is for this machine only: the server refuses it on any HOST but loopback.
  env: { STATIC_DIR: distDir, DEMO_DATA: '1', DEV_LOGIN: '1', ...process.env },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
