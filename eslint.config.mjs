import js from '@eslint/js'
import globals from 'globals'
import react from 'eslint-plugin-react'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.data/**', 'coverage/**', '**/.swc/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        ...globals.node,
        ...globals.browser,
        ...globals.jest,
        defineAppConfig: 'readonly',
        definePageConfig: 'readonly',
        CLOUD_BASE_URL: 'readonly',
        CLOUD_ENV_ID: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/**/*.tsx', 'test/**/*.tsx'],
    plugins: { react, 'react-hooks': reactHooks },
    settings: { react: { version: '18.3' } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs['jsx-runtime'].rules,
      ...reactHooks.configs.recommended.rules,
      'react/prop-types': 'off',
    },
  },
  {
    // The rules core stays pure: no Taro, React, database or mock import.
    files: ['src/core/**/*.ts', 'src/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@tarojs/*', 'react', 'react-dom', 'better-sqlite3', '*/mock/*', '**/store/*', '**/services/*', '**/pages/*'] },
      ],
    },
  },
  {
    // A state change or a bounded counter goes through mock/transitions.ts, which checks the affected rows:
    // building or calling a raw conditional update elsewhere would let a lost race pass unnoticed.
    files: ['mock/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    ignores: ['mock/transitions.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^apply(Transition|Move)$/], CallExpression[callee.name=/^apply(Transition|Move)$/]',
          message: 'Change a state or a bounded counter through mock/transitions.ts (transition, claim, move), which checks the rows it moved.',
        },
      ],
    },
  },
  {
    // Every export goes through mock/csv.ts, which escapes formulas: a second writer would forget to.
    files: ['mock/**/*.ts'],
    ignores: ['mock/csv.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'csv-stringify/sync', message: 'Write CSV with csvFile from mock/csv.ts (formula escaping).' },
            { name: 'csv-stringify', message: 'Write CSV with csvFile from mock/csv.ts (formula escaping).' },
          ],
        },
      ],
    },
  },
  {
    // Pages, components and stores never reach into the mock cloud. Of the kinds they ship the faces only
    // (src/core/kinds/faces.ts): the rules and the module that adds them are the cloud's, and would put every
    // check-in rule into the weapp main package.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/core/**', 'src/contract/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/mock/**', 'better-sqlite3', 'zod'] },
            {
              regex: 'core/(kinds(/index|/rules/.*)?|review)$',
              message:
                "Import kinds from @/core/kinds/faces (spendable points from @/core/points): the kinds' rules (src/core/kinds/rules) are the cloud's and must not ship in the app.",
            },
          ],
        },
      ],
    },
  },
)
