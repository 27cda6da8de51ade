import { translator } from '../../src/i18n'

const table = {
  'zh-CN': { donors: '{n} 人捐赠', drop: '第 {n} 次投递', mixed: '{raised} / {goal} 积分 · {n} 人捐赠' },
  en: {
    donors: '{n, plural, one {# donor} other {# donors}}',
    drop: 'the {n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}} drop',
    mixed: '{raised} / {goal} points · {n, plural, one {# donor} other {# donors}}',
  },
}

it('chooses English plural forms by Intl.PluralRules, keeping the number as it was given', () => {
  const t = translator('en', table)
  expect([0, 1, 2, '1,000'].map((n) => t('donors', { n }))).toEqual(['0 donors', '1 donor', '2 donors', '1,000 donors'])
  expect(t('mixed', { raised: 20, goal: 2000, n: 1 })).toBe('20 / 2000 points · 1 donor')
})

it('writes English ordinals: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 23rd', () => {
  const t = translator('en', table)
  expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23].map((n) => t('drop', { n }))).toEqual(
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd'].map((o) => `the ${o} drop`),
  )
})

it('leaves Chinese strings, which have no plural forms, as plain substitutions', () => {
  const t = translator('zh-CN', table)
  expect(t('donors', { n: 1 })).toBe('1 人捐赠')
  expect(t('drop', { n: 3 })).toBe('第 3 次投递')
})

it('leaves a plural whose number was not given as written, so a missing parameter shows', () => {
  expect(translator('en', table)('donors', {})).toBe('{n, plural, one {# donor} other {# donors}}')
})
