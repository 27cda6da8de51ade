#!/usr/bin/env node
// `npm run cloud`: the mock cloud alone, with dev login on unless DEV_LOGIN says otherwise. A Node script
// rather than `DEV_LOGIN=${DEV_LOGIN:-1} node …` in package.json, which only POSIX shells understand.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'mock/server.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, DEV_LOGIN: process.env.DEV_LOGIN ?? '1' },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
