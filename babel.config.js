// babel-preset-taro compiles the app for every platform and also serves jest (babel-jest reads this file).
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
}
