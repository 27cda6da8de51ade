import { parseDecimal, parseWhole } from '@/components/numberInput'

describe('numbers typed into form fields', () => {
  it('reads decimals with a point or a comma, and nothing else', () => {
    expect(parseDecimal(' 2.5 ')).toBe(2.5)
    expect(parseDecimal('2,5')).toBe(2.5)
    expect(parseDecimal('12')).toBe(12)
    for (const bad of ['', '-1', '1e3', '2.', '.5', 'abc', '1.2.3']) expect(parseDecimal(bad)).toBeNaN()
  })

  it('reads whole numbers of digits only', () => {
    expect(parseWhole(' 120 ')).toBe(120)
    expect(parseWhole('0')).toBe(0)
    for (const bad of ['', '-1', '1.5', '1,5', '1e3', 'ten']) expect(parseWhole(bad)).toBeNaN()
  })
})
