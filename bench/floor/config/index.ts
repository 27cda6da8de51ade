import { defineConfig } from '@tarojs/cli'

// The same compiler, framework, CSS pipeline and H5 output options as ../../config/index.ts, nothing else.
// A copy, not an import: Taro compiles only the project's own config folder when it loads a config.
export default defineConfig<'webpack5'>(async () => {
  const platform = process.env.TARO_ENV === 'weapp' ? 'weapp' : 'h5'
  return {
    projectName: 'green-life-points-floor',
    date: '2026-11-29',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    plugins: [],
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: process.env.TARO_CACHE !== '0' },
    mini: { postcss: { pxtransform: { enable: true, config: {} }, cssModules: { enable: false } } },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
      router: { mode: 'hash' },
      postcss: { autoprefixer: { enable: true, config: {} }, cssModules: { enable: false } },
    },
  }
})
