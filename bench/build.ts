/**
 * Builds the app or the floor (bench/floor, an empty Taro React app) with the same Taro CLI, so size and
 * page-load figures compare against what the toolchain alone costs, measured in the same run.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

export const ROOT = join(__dirname, '..')
export const FLOOR_ROOT = join(__dirname, 'floor')
export type Platform = 'weapp' | 'h5'
export type Dists = Record<Platform, string>

/** Where `taro build` writes each platform (the app's and the floor's configs both use dist/<platform>). */
export function distDirs(projectRoot: string): Dists {
  return { weapp: join(projectRoot, 'dist', 'weapp'), h5: join(projectRoot, 'dist', 'h5') }
}

export function taroBuild(projectRoot: string, platform: Platform): string {
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', platform], {
    cwd: projectRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
    maxBuffer: 256 * 1024 * 1024,
  })
  if (result.status !== 0) {
    throw new Error(`taro build --type ${platform} failed in ${projectRoot}:\n${String(result.stderr).slice(-4000)}`)
  }
  return distDirs(projectRoot)[platform]
}
