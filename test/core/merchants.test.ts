import { fenFromYuanText, isMonth, mayManageMerchant, mayStockOffers, monthBounds, settle, yuanText } from '../../src/core/merchants'

describe('merchant rules', () => {
  it('bound a Shanghai month by its prefix and the next month’s, across a year end', () => {
    expect(monthBounds('2026-11')).toEqual({ from: '2026-11', until: '2026-12' })
    expect(monthBounds('2026-12')).toEqual({ from: '2026-12', until: '2027-01' })
    // Shanghai ISO instants compare as text: the last millisecond of December is in, New Year's first is not.
    const { from, until } = monthBounds('2026-12')
    expect('2026-12-31T23:59:59.999+08:00' >= from && '2026-12-31T23:59:59.999+08:00' < until).toBe(true)
    expect('2027-01-01T00:00:00.000+08:00' < until).toBe(false)
    expect(['2026-00', '2026-13', '26-01', '2026-1'].filter(isMonth)).toEqual([])
  })

  it('settle a month from each voucher’s own subsidy, in whole fen', () => {
    expect(
      settle([
        { offerTitle: 'a', verifiedAt: 'x', pointsCost: 10, subsidyFen: 150 },
        { offerTitle: 'a', verifiedAt: 'y', pointsCost: 10, subsidyFen: 200 },
      ]),
    ).toEqual({ vouchers: 2, subsidyFen: 350, pointsRetired: 20 })
    expect(settle([])).toEqual({ vouchers: 0, subsidyFen: 0, pointsRetired: 0 })
    expect(() => settle([{ offerTitle: 'a', verifiedAt: 'x', pointsCost: 1, subsidyFen: 1.5 }])).toThrow(/whole fen/)
  })

  it('read yuan as typed into fen and write fen as yuan', () => {
    expect(['5', '5.5', '5.50', '0', ' 12.34 '].map(fenFromYuanText)).toEqual([500, 550, 550, 0, 1234])
    expect(['', '-1', '1.234', '1e3', 'abc'].map(fenFromYuanText)).toEqual([undefined, undefined, undefined, undefined, undefined])
    expect([0, 5, 150, 123456].map(yuanText)).toEqual(['0.00', '0.05', '1.50', '1234.56'])
  })

  it('let the city or the merchant’s own community manage it, and its staff or its registrar (still an organizer) stock it', () => {
    expect(mayManageMerchant({ communityId: null }, '')).toBe(true)
    expect(mayManageMerchant({ communityId: 'east' }, 'east')).toBe(true)
    expect(mayManageMerchant({ communityId: 'east' }, '')).toBe(false)
    expect(mayManageMerchant({ communityId: 'east' }, 'west')).toBe(false)
    expect(mayManageMerchant(undefined, 'east')).toBe(false)
    expect(mayStockOffers({ openid: 'a', isStaff: true, isOrganizer: false }, 'b')).toBe(true)
    expect(mayStockOffers({ openid: 'b', isStaff: false, isOrganizer: true }, 'b')).toBe(true)
    expect(mayStockOffers({ openid: 'b', isStaff: false, isOrganizer: false }, 'b')).toBe(false)
    expect(mayStockOffers({ openid: 'c', isStaff: false, isOrganizer: true }, 'b')).toBe(false)
  })
})
