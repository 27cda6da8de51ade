#!/usr/bin/env node
// Renders one page of a built weapp bundle under the stand-in globals and prints its first render's setData
// traffic as JSON: `node scripts/weapp-render-page.mjs <dist> <route>`. The bench runs it on the empty Taro
// app (bench/floor) in its own process, since two Taro runtimes cannot share one.
import { resolve } from 'node:path'
import { installMiniProgram } from './weapp-stand-in.mjs'

const [distArg, route] = process.argv.slice(2)
const dist = distArg && resolve(distArg)
if (!dist || !route) {
  console.error('usage: node scripts/weapp-render-page.mjs <dist/weapp> <route>')
  process.exit(2)
}
const phone = installMiniProgram(dist, {})
phone.launch(route)
const { firstRender } = await phone.openPage(route)
console.log(JSON.stringify({ route, ...firstRender }))
process.exit(0)
