#!/usr/bin/env node
// `npm run dev`: the mock cloud (with demo data) plus Taro's H5 dev server, which proxies /cloud to it.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const cloudPort = process.env.CLOUD_PORT || '3000'
const children = [
  spawn(join(root, 'node_modules/.bin/tsx'), ['watch', join(root, 'mock/server.ts')], {
    cwd: root,
    stdio: 'inherit',
    env: { DEMO_DATA: '1', DEV_LOGIN: '1', ...process.env, PORT: cloudPort },
  }),
  spawn(join(root, 'node_modules/.bin/taro'), ['build', '--type', 'h5', '--watch'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'development', CLOUD_PORT: cloudPort },
  }),
]
const stop = (signal) => children.forEach((c) => c.kill(signal))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal))
for (const c of children) c.on('exit', (code) => {
  stop('SIGTERM')
  process.exit(code ?? 0)
})
