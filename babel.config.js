// babel-preset-taro compiles the app for every platform and also serves jest (babel-jest reads this file).
module.exports = {
  // Shorter output for the targets that still need these transforms (iOS 12), about 3 KB of the weapp main package:
  // `a?.b` and `a ?? b` test `a == null` instead of `a === null || a === void 0` (the same for every value but
  // `document.all`, which the app never reads); template literals join with `+` instead of `.concat()` (the same
  // for strings and numbers, which is what the app interpolates; not for an object whose valueOf differs from
  // its toString).
  assumptions: { noDocumentAll: true, ignoreToPrimitiveHint: true },
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
