import { splitMixedName } from '../../src/core/bilingual'

describe('splitMixedName: the rule migration 018 splits stored names by', () => {
  it.each([
    ['帆布袋 Canvas bag', { zh: '帆布袋', en: 'Canvas bag' }],
    ['3号站 Station 3', { zh: '3号站', en: 'Station 3' }],
    ['  社区植树 Community tree planting  ', { zh: '社区植树', en: 'Community tree planting' }],
    ['每 1,000 积分种下一棵树 · 1,000 points plant one tree', { zh: '每 1,000 积分种下一棵树', en: '1,000 points plant one tree' }],
    ['帆布袋 / Canvas bag', { zh: '帆布袋', en: 'Canvas bag' }],
    ['滨河公园（东门） Riverside (east gate)', { zh: '滨河公园（东门）', en: 'Riverside (east gate)' }],
    ['演示：本月预算 Demo: this month’s budgets', { zh: '演示：本月预算', en: 'Demo: this month’s budgets' }],
    ['咖啡馆 Café Verde', { zh: '咖啡馆', en: 'Café Verde' }],
  ])('splits %j', (text, want) => expect(splitMixedName(text)).toEqual(want))

  it.each([
    ['Café 咖啡', 'English first, then Chinese: not the stored shape'],
    ['Canvas bag', 'English only'],
    ['帆布袋', 'Chinese only'],
    ['一号楼A', 'no separator between the parts'],
    ['帆布袋 2024', 'no Latin letter after the Chinese'],
    ['帆布袋 ！', 'only punctuation after the Chinese'],
    ['滨河路 18 号', 'Chinese at both ends'],
    ['「」 Brackets', 'no Han character in the Chinese part'],
    ['帆布袋 Сумка', 'a Cyrillic tail is not English'],
    ['', 'empty'],
  ])('keeps %j whole as the Chinese name (%s)', (text) => expect(splitMixedName(text)).toEqual({ zh: text.trim() }))
})
