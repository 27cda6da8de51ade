/**
 * Projects: `node` (rules core, cloud functions, HTTP on SQLite) runs plain TypeScript in Node; `pages` mounts
 * pages with @tarojs/test-utils-react and the real Taro H5 components in jsdom; `mysql` runs the same cloud and
 * HTTP suites on a MySQL-family server when one answers (TEST_DATABASE_URL, else DATABASE_URL, else the local
 * convention mysql://glp:glp@127.0.0.1:3306), each cloud in a throw-away database. The config says which ran.
 * `npm run test:mysql` (TEST_MYSQL=only) runs the MySQL half alone and fails when there is no server.
 */
const taroPreset = require('@tarojs/test-utils-react/dist/jest.js').default
const { noonOfShanghaiDay } = require('./test/support/shanghaiNoon')

// Packages that ship ESM and so must go through babel; everything else in node_modules is left alone.
const ESM_PACKAGES = ['@tarojs', '@stencil', 'swiper', 'lodash-es', 'query-string', 'decode-uri-component', 'split-on-first', 'filter-obj']

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
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1', '^@city-brand$': '<rootDir>/src/branding/cities/default.ts' },
}

const base = taroPreset({})
delete base.bail
delete base.verbose
delete base.collectCoverageFrom

const pagesProject = {
  ...base,
  // Page tests see "today" (caps, streaks, badges, events) on a clock that starts at noon of the Shanghai day
  // and runs on with real time, so a trip backdated by minutes never lands on yesterday: one did in a run at
  // 00:05 Shanghai time. Only Date is faked; timers, microtasks and performance.now stay real.
  fakeTimers: {
    enableGlobally: true,
    advanceTimers: true,
    now: noonOfShanghaiDay(Date.now()),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  },
  displayName: 'pages',
  roots: ['<rootDir>/test'],
  testMatch: ['<rootDir>/test/pages/**/*.test.tsx'],
  setupFiles: [...base.setupFiles, '<rootDir>/test/pages/setup.ts'],
  setupFilesAfterEnv: ['@testing-library/jest-dom'],
  // The build-time constants (config/index.ts defineConstants) as an H5 build has them.
  globals: { ...base.globals, CLOUD_BASE_URL: '', CLOUD_ENV_ID: '', CLOUD_SERVICE: '', DEV_LOGIN_UI: true, REMINDER_TEMPLATE_IDS: {} },
  transform: { '^.+\\.(mjs|js|jsx|ts|tsx)$': ['babel-jest', { configFile: require.resolve('./babel.config.js') }] },
  // Anything under an allow-listed package is transformed, including the copies they nest in their own node_modules.
  transformIgnorePatterns: [`^(?!.*/node_modules/(${ESM_PACKAGES.join('|')})/).*/node_modules/`],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'json'],
  moduleNameMapper: {
    ...base.moduleNameMapper,
    '@tarojs/taro$': '<rootDir>/test/pages/taroShim.js',
    // before the alias: jest takes the first pattern that matches, and '@/pages/x.scss' is still a style
    '\\.(css|scss)$': '<rootDir>/test/pages/styleStub.js',
    '\\.(png|jpe?g|gif|svg)$': '<rootDir>/test/pages/assetName.js',
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@city-brand$': '<rootDir>/src/branding/cities/default.ts',
  },
}

// Long-running crash, load and fuzz tests against the real server: `npm run test:reliability` only.
const reliabilityProject = {
  ...nodeProject,
  displayName: 'reliability',
  testMatch: ['<rootDir>/test/reliability/**/*.test.ts'],
}

const { findMysql, TEST_RUN_ENV } = require('./test/support/mysqlServer')

// This run's throw-away MySQL databases are named glp_t_<run>_…: its teardown drops those and no others, so two
// runs against one server (a local run beside CI's) never drop each other's. Workers inherit the variable.
process.env[TEST_RUN_ENV] ??= require('node:crypto').randomBytes(4).toString('hex')

/** The same suites with TEST_DATABASE_URL set for their process (a setup file copies it from globals). */
const onMysql = (project, url) => ({
  ...project,
  displayName: project.displayName === 'node' ? 'mysql' : `${project.displayName}-mysql`,
  testMatch: project.displayName === 'node' ? ['<rootDir>/test/{cloud,http}/**/*.test.ts'] : project.testMatch,
  globals: { __TEST_DATABASE_URL__: url },
  setupFiles: ['<rootDir>/test/support/useMysql.js'],
})

module.exports = async () => {
  const base = process.env.RELIABILITY === '1' ? [reliabilityProject] : [nodeProject, pagesProject]
  const mysql = await findMysql()
  const only = process.env.TEST_MYSQL === 'only'
  if (!mysql.url) {
    if (only) throw new Error(`test:mysql cannot use ${mysql.shown}: ${mysql.why} (TEST_DATABASE_URL names another server)`)
    console.log(`cloud suites on SQLite only: cannot use MySQL at ${mysql.shown} (${mysql.why})`)
    return { projects: base, testTimeout: 30000 }
  }
  const withMysql = base.filter((p) => p.displayName !== 'pages').map((p) => onMysql(p, mysql.url))
  console.log(`cloud suites on ${only ? 'MySQL' : 'SQLite and MySQL'} (${mysql.shown}, a throw-away database per cloud)`)
  // forceExit: a test that fails before closing its cloud leaves a MySQL pool open; the run must still end.
  return {
    projects: only ? withMysql : [...base, ...withMysql],
    testTimeout: 30000,
    forceExit: true,
    globalTeardown: '<rootDir>/test/support/mysqlTeardown.js',
  }
}
