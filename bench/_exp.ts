import { pageLoad } from './_pl_exp'
async function main() {
  ;(globalThis as any).__block = process.argv[2] === 'block'
  console.log(process.argv[2], JSON.stringify(await pageLoad('/work/main/dist/h5', '/work/main/bench/floor/dist/h5', 7)))
}
main()
