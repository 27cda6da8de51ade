import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import { readdirSync } from 'node:fs'
import path from 'node:path'

/**
 * One config for both platforms. H5 and weapp write to their own folders so building one never wipes
 * the other; project.config.json points WeChat DevTools at dist/weapp.
 */
function reminderTemplateIds(text: string | undefined): Record<string, string> {
  if (!text?.trim()) return {}
  const parsed = JSON.parse(text) as Record<string, { id?: unknown }>
  return Object.fromEntries(Object.entries(parsed).flatMap(([kind, t]) => (typeof t?.id === 'string' ? [[kind, t.id]] : [])))
}

/** The city whose branding this build ships (src/branding/cities/<city>.ts); CITY unset: the project's own. */
function cityOf(value: string | undefined): string {
  const city = value?.trim() || 'default'
  const known = readdirSync(path.resolve(__dirname, '..', 'src/branding/cities'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
  if (!known.includes(city)) throw new Error(`CITY=${city} has no branding file: one of ${known.join(', ')} (src/branding/cities/<city>.ts).`)
  return city
}

export default defineConfig<'webpack5'>(async (merge) => {
  const platform = process.env.TARO_ENV === 'weapp' ? 'weapp' : 'h5'
  const city = cityOf(process.env.CITY)
  // weapp builds where WeChat DevTools opens it (project.config.json); another city's H5 beside the default's.
  // `npm run dev` builds into its own folder: dist/h5 is what `npm start` serves and must not be emptied.
  const devServing = platform === 'h5' && process.env.NODE_ENV === 'development'
  const outputRoot = devServing ? 'dist/h5-dev' : platform === 'h5' && city !== 'default' ? `dist/h5-${city}` : `dist/${platform}`
  const cloudPort = process.env.CLOUD_PORT || '3000'
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'green-life-points',
    date: '2026-11-29',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot,
    plugins: [],
    defineConstants: {
      // weapp cannot call a relative URL: point it at the mock cloud (or a real gateway) at build time.
      CLOUD_BASE_URL: JSON.stringify(process.env.CLOUD_BASE_URL ?? (platform === 'weapp' ? `http://127.0.0.1:${cloudPort}` : '')),
      // A WeChat Cloud Run environment id and service name: weapp then calls the cloud through callContainer.
      CLOUD_ENV_ID: JSON.stringify(process.env.CLOUD_ENV_ID ?? ''),
      CLOUD_SERVICE: JSON.stringify(process.env.CLOUD_SERVICE ?? ''),
      // H5 is the local demo and always has the dev form; a weapp build shows it only when asked.
      DEV_LOGIN_UI: JSON.stringify(platform === 'h5' || process.env.DEV_LOGIN === '1'),
      // The subscribe-message templates of the reminders (the same WX_REMINDER_TEMPLATES the cloud reads): ids only.
      REMINDER_TEMPLATE_IDS: JSON.stringify(platform === 'weapp' ? reminderTemplateIds(process.env.WX_REMINDER_TEMPLATES) : {}),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
      '@city-brand': path.resolve(__dirname, '..', 'src/branding/cities', `${city}.ts`),
      '@city-icons': path.resolve(__dirname, '..', 'src/assets/tab', city),
    },
    // The H5 app's icon and web manifest (weapp has its own icon from WeChat's console).
    copy: {
      patterns: platform === 'h5' ? [{ from: 'src/public/', to: `${outputRoot}/` }] : [{ from: 'src/weapp/sitemap.json', to: `${outputRoot}/sitemap.json` }],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    // One build cache per city: the aliases above change what @city-brand and @city-icons are, which webpack's cache does not see.
    cache: { enable: process.env.TARO_CACHE !== '0', name: `${process.env.NODE_ENV}-${platform}-${city}` },
    // weapp: keep Chinese text as UTF-8 instead of \uXXXX escapes (Taro's default), which take 6 bytes a
    // character instead of 3: the messages alone were 26 KB of the main package. WeChat reads code as UTF-8.
    ...(platform === 'weapp' ? { terser: { enable: true, config: { output: { ascii_only: false } } } } : {}),
    mini: {
      // English (src/i18n/en) is not in the main package: it is packages/about/en.js, a CommonJS file of the about
      // subpackage that src/i18n/loadEnglish.weapp.ts fetches with require.async when a resident chooses English.
      webpackChain(chain, webpack) {
        chain.output.set('enabledLibraryTypes', ['commonjs2'])
        chain
          .plugin('english-in-about-subpackage')
          .use(webpack.EntryPlugin, [
            path.resolve(__dirname, '..'),
            path.resolve(__dirname, '..', 'src/i18n/en/index.ts'),
            { name: 'packages/about/en', library: { type: 'commonjs2' } },
          ])
      },
      // Component styles are scoped by class name, so the order pages import them in does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      // Tab icons (2–3 KB each) would otherwise be inlined as base64 into the JS parsed before the first page.
      imageUrlLoaderOption: { limit: 1024 },
      staticDirectory: 'static',
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      router: { mode: 'hash' },
      webpackChain(chain) {
        chain.module
          .rule('tabbar-without-javascript-url')
          .test(/[\\/]@tarojs[\\/]components[\\/]dist[\\/].*\.js$/)
          .use('tabbar-without-javascript-url')
          .loader(path.resolve(__dirname, 'loaders/tabbar-without-javascript-url.js'))
      },
      devServer: {
        // Loopback only: the cloud behind /cloud has dev login on, so anyone who reached this port could log
        // in as an organizer. DEV_PORT moves it.
        host: '127.0.0.1',
        port: Number(process.env.DEV_PORT || 10086),
        proxy: [{ context: ['/cloud'], target: `http://127.0.0.1:${cloudPort}`, changeOrigin: true }],
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, { logger: { quiet: false, stats: true } })
  }
  return merge({}, baseConfig, {})
})
