// babel-preset-taro compiles the app for every platform and also serves jest (babel-jest reads this file).
const taro = require('babel-preset-taro')
const presetEnv = require('@babel/preset-env')

/**
 * Taro's preset with preset-env's `bugfixes` on (Babel 8's default; the preset does not pass it through). For the
 * targets that still need help (iOS 12's JavaScriptCore), preset-env then adds the three small plugins that work
 * around Safari's bugs in destructuring and tagged templates instead of rewriting every default parameter,
 * destructuring and template literal into ES5, which was about a tenth of the weapp main package's own code.
 */
function taroWithBugfixes(api, options, dirname) {
  const config = taro(api, options, dirname)
  for (const override of config.overrides ?? []) {
    for (const preset of override.presets ?? []) {
      if (Array.isArray(preset) && preset[0] === presetEnv) preset[1] = { ...preset[1], bugfixes: true }
    }
  }
  return config
}

module.exports = {
  // Shorter output for the targets that still need these transforms (iOS 12), about 3 KB of the weapp main package:
  // `a?.b` and `a ?? b` test `a == null` instead of `a === null || a === void 0` (the same for every value but
  // `document.all`, which the app never reads).
  assumptions: { noDocumentAll: true },
  presets: [
    [
      taroWithBugfixes,
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
}
