#!/usr/bin/env node
// `npm run dev`: the mock cloud (with demo data) plus Taro's H5 dev server, which proxies /cloud to it. Both
// listen on 127.0.0.1 only (dev login is on); CLOUD_PORT (3000) and DEV_PORT (10086) move them. The dev build
// lives in memory and dist/h5-dev, never in dist/h5, which `npm start` serves.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const cloudPort = process.env.CLOUD_PORT || '3000'
const children = [
  // Node itself runs each tool's entry file: node_modules/.bin holds shell shims that Windows cannot spawn.
  spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'watch', join(root, 'mock/server.ts')], {
    cwd: root,
    stdio: 'inherit',
    env: { DEMO_DATA: '1', DEV_LOGIN: '1', ...process.env, PORT: cloudPort },
  }),
  spawn(process.execPath, [join(root, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'h5', '--watch'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'development', CLOUD_PORT: cloudPort },
  }),
]
const stop = (signal) => children.forEach((c) => c.kill(signal))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal))
for (const c of children)
  c.on('exit', (code) => {
    stop('SIGTERM')
    process.exit(code ?? 0)
  })
