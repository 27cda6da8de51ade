/** Build sizes: weapp main package (all of dist/weapp, no subpackages yet) and H5 initial JS. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

export function dirBytes(dir: string): number {
  if (!existsSync(dir)) return NaN
  return readdirSync(dir).reduce((sum, name) => {
    const p = join(dir, name)
    const s = statSync(p)
    return sum + (s.isDirectory() ? dirBytes(p) : s.size)
  }, 0)
}

/** The JS the H5 index.html loads before the first page can render (its <script src> files). */
export function h5InitialJs(distDir: string): { raw: number; gzip: number; files: string[] } {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8')
  const files = [...html.matchAll(/<script[^>]*src="\/?([^"]+\.js)"/g)].map((m) => m[1])
  let raw = 0
  let gzip = 0
  for (const f of files) {
    const buf = readFileSync(join(distDir, f))
    raw += buf.length
    gzip += gzipSync(buf, { level: 9 }).length
  }
  return { raw, gzip, files }
}

/** weapp main package and each subpackage (roots from app.json), in bytes */
export function weappPackages(distDir: string): { main: number; subpackages: { root: string; bytes: number }[] } {
  const appJson = JSON.parse(readFileSync(join(distDir, 'app.json'), 'utf8'))
  const subs: { root: string }[] = appJson.subPackages ?? appJson.subpackages ?? []
  const subpackages = subs.map((p) => ({ root: p.root, bytes: dirBytes(join(distDir, p.root)) }))
  return { main: dirBytes(distDir) - subpackages.reduce((s, p) => s + p.bytes, 0), subpackages }
}
