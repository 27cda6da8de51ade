#!/usr/bin/env node
// `npm run build:server`: the cloud as plain JavaScript for production (the container runs it with node, no
// tsx): one bundle per entry under dist/server, with the native SQLite driver left as a runtime dependency.
// dist/server/package.json names exactly the packages the bundle still needs, at this lock file's versions.
// Stacks name the TypeScript files: server.js turns source maps on, then loads the bundle (server-bundle.js)
// with its map, so `node server.js` needs no flag (Node maps only files loaded after maps are turned on).
import { build } from 'esbuild'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = join(root, 'dist/server')
// Native addons cannot be bundled; everything else (zod, jsonwebtoken, nanoid…) is inside the bundle.
const RUNTIME_PACKAGES = ['better-sqlite3']

rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
const result = await build({
  entryPoints: { 'server-bundle': join(root, 'mock/server.ts'), admin: join(root, 'mock/admin.ts') },
  outdir: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: RUNTIME_PACKAGES,
  sourcemap: true,
  // A stack needs file, line and column only; the sources themselves would triple the map's size.
  sourcesContent: false,
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
})
writeFileSync(
  join(out, 'server.js'),
  `'use strict'\n// Built by scripts/build-server.mjs: stacks in TypeScript terms, then the cloud.\nprocess.setSourceMapsEnabled(true)\nrequire('./server-bundle.js')\n`,
)
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'))
const dependencies = Object.fromEntries(RUNTIME_PACKAGES.map((name) => [name, lock.packages[`node_modules/${name}`].version]))
writeFileSync(
  join(out, 'package.json'),
  `${JSON.stringify({ name: 'green-life-points-cloud', private: true, description: 'built by npm run build:server', main: 'server.js', engines: { node: '>=20.19' }, dependencies }, null, 2)}\n`,
)
const bytes = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith('.js'))
  .map(([file, o]) => `${file.replace(`${root}/`, '').replace(/^.*dist\//, 'dist/')} ${(o.bytes / 1024).toFixed(0)} KB`)
console.log(
  `built ${bytes.join(', ')}; runtime dependencies: ${Object.entries(dependencies)
    .map(([n, v]) => `${n}@${v}`)
    .join(', ')}`,
)
