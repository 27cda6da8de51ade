/**
 * Two projects: `node` (rules core, cloud functions, HTTP) runs plain TypeScript in Node; `pages` mounts
 * pages with @tarojs/test-utils-react and the real Taro H5 components in jsdom.
 */
const taroPreset = require('@tarojs/test-utils-react/dist/jest.js').default

// Packages that ship ESM and so must go through babel; everything else in node_modules is left alone.
const ESM_PACKAGES = [
  '@tarojs',
  '@stencil',
  'swiper',
  'lodash-es',
  'query-string',
  'decode-uri-component',
  'split-on-first',
  'filter-obj',
]

const nodeProject = {
  displayName: 'node',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['<rootDir>/test/{core,cloud,http,bench}/**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': [
      'babel-jest',
      {
        configFile: false,
        babelrc: false,
        presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
      },
    ],
  },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
}

const base = taroPreset({})
delete base.bail
delete base.verbose
delete base.collectCoverageFrom

const pagesProject = {
  ...base,
  displayName: 'pages',
  roots: ['<rootDir>/test'],
  testMatch: ['<rootDir>/test/pages/**/*.test.tsx'],
  setupFiles: [...base.setupFiles, '<rootDir>/test/pages/setup.ts'],
  setupFilesAfterEnv: ['@testing-library/jest-dom'],
  // The build-time constants (config/index.ts defineConstants) as an H5 build has them.
  globals: { ...base.globals, CLOUD_BASE_URL: '', CLOUD_ENV_ID: '', CLOUD_SERVICE: '', DEV_LOGIN_UI: true },
  transform: { '^.+\\.(mjs|js|jsx|ts|tsx)$': ['babel-jest', { configFile: require.resolve('./babel.config.js') }] },
  // Anything under an allow-listed package is transformed, including the copies they nest in their own node_modules.
  transformIgnorePatterns: [`^(?!.*/node_modules/(${ESM_PACKAGES.join('|')})/).*/node_modules/`],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'json'],
  moduleNameMapper: {
    ...base.moduleNameMapper,
    '@tarojs/taro$': '<rootDir>/test/pages/taroShim.js',
    '^@/(.*)$': '<rootDir>/src/$1',
    '\\.(css|scss)$': '<rootDir>/test/pages/styleStub.js',
    '\\.(png|jpe?g|gif|svg)$': '<rootDir>/test/pages/assetName.js',
  },
}

// Long-running crash, load and fuzz tests against the real server: `npm run test:reliability` only.
const reliabilityProject = {
  ...nodeProject,
  displayName: 'reliability',
  testMatch: ['<rootDir>/test/reliability/**/*.test.ts'],
}

module.exports = {
  projects: process.env.RELIABILITY === '1' ? [reliabilityProject] : [nodeProject, pagesProject],
  testTimeout: 30000,
}
