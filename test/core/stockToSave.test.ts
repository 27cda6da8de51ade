import fc from 'fast-check'
import { stockToSave } from '../../src/core/counters'

describe('the stock an edit saves (stockWas)', () => {
  it('moves the stock now by what the editor changed, keeping units redeemed while the form was open', () => {
    expect(stockToSave(8, 12, 10, 1000)).toBe(10)
    expect(stockToSave(8, 10, 10, 1000)).toBe(8)
    expect(stockToSave(8, 0, 10, 1000)).toBe(0)
    expect(stockToSave(995, 20, 10, 1000)).toBe(1000)
    // an older client sends no stockWas: what it typed
    expect(stockToSave(8, 12, undefined, 1000)).toBe(12)
  })

  it('never hands out a unit redeemed meanwhile, and stays within 0 and the maximum', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.nat(1000), (shown, typed, redeemed) => {
        const now = Math.max(0, shown - redeemed)
        const saved = stockToSave(now, typed, shown, 1000)
        expect(saved).toBeGreaterThanOrEqual(0)
        expect(saved).toBeLessThanOrEqual(1000)
        // what the editor added is all that is added: at most the typed stock less what was redeemed since
        expect(saved).toBeLessThanOrEqual(Math.max(0, typed - (shown - now)))
      }),
    )
  })
})
