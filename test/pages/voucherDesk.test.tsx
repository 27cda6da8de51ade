/**
 * The desk both voucher pages share (src/packages/shared/useVoucherDesk.ts): the organizer's pickup desk and a
 * merchant's counter. The pages' own tests type codes; here the paths they do not take: the weapp scan, a scan
 * cancelled, a second check asked for while one is on its way, and a refusal that clears the busy state.
 */
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import TestUtils from '@tarojs/test-utils-react'
import { usePackageT } from '@/components/useT'
import { CloudCallError } from '@/services/errors'
import { resetAppStore } from '@/store'
import { MESSAGES } from '../../src/packages/merchant/messages'
import { useVoucherDesk, type VoucherDesk } from '../../src/packages/shared/useVoucherDesk'

type Checked = { redemption: { code: string }; subsidyFen: number }

let desk: VoucherDesk<Checked>
let checked: string[]
let answers: { resolve(v: Checked): void; reject(e: unknown): void }[]

/** Each check waits until the test answers it. */
const check = (code: string) => {
  checked.push(code)
  return new Promise<Checked>((resolve, reject) => answers.push({ resolve, reject }))
}

function Desk() {
  desk = useVoucherDesk(check, usePackageT(MESSAGES))
  return <View />
}

let testUtils: TestUtils
beforeEach(async () => {
  resetAppStore()
  checked = []
  answers = []
  testUtils = new TestUtils()
  await testUtils.mount(Desk, {})
})
afterEach(() => {
  testUtils.unmout()
  document.body.innerHTML = ''
  jest.restoreAllMocks()
})

const act = (fn: () => unknown) => testUtils.act(async () => void (await fn()))

describe('a voucher desk', () => {
  it('refuses a code in Chinese, never the cloud’s English, takes no second code meanwhile, and is free again after', async () => {
    await act(() => desk.setCode('ABCD-EFGH-JK'))
    let pending!: Promise<void>
    await act(() => void (pending = desk.verify(desk.code)))
    expect(desk.busy).toBe(true)
    await act(() => desk.verify('ZZZZZZZZZZ'))
    expect(checked).toEqual(['ABCD-EFGH-JK'])
    await act(async () => {
      answers[0].reject(new CloudCallError('NOT_FOUND', 'No voucher for this merchant’s offers has this code.', { reason: 'merchantDesk.notOurs' }))
      await pending
    })
    expect(desk.answer).toEqual({ ok: false, message: '这张券不是本店优惠的兑换券，请不要发放任何物品。' })
    expect(desk.busy).toBe(false)
    await act(() => desk.next())
    expect({ code: desk.code, answer: desk.answer }).toEqual({ code: '', answer: undefined })
    // Free again: the next code is checked.
    await act(() => void (pending = desk.verify('ZZZZZZZZZZ')))
    expect(checked).toEqual(['ABCD-EFGH-JK', 'ZZZZZZZZZZ'])
    await act(async () => {
      answers[1].resolve({ redemption: { code: 'ZZZZZZZZZZ' }, subsidyFen: 150 })
      await pending
    })
    expect(desk.answer).toEqual({ ok: true, redemption: { code: 'ZZZZZZZZZZ' }, subsidyFen: 150 })
  })

  it('checks a scanned code as it was read, and does nothing for a cancelled scan or a blank code', async () => {
    const scanCode = jest.spyOn(Taro, 'scanCode')
    scanCode.mockRejectedValueOnce(new Error('scanCode:fail cancel'))
    await act(() => desk.scan())
    await act(() => desk.verify('   '))
    expect({ checked, busy: desk.busy, answer: desk.answer, code: desk.code }).toEqual({ checked: [], busy: false, answer: undefined, code: '' })
    scanCode.mockResolvedValueOnce({ result: 'QRCODE1234', scanType: 'QR_CODE', charSet: 'utf-8', path: '', rawData: '', errMsg: 'scanCode:ok' })
    let pending!: Promise<void>
    await act(() => void (pending = desk.scan()))
    await act(() => new Promise((r) => setTimeout(r, 0)))
    expect(scanCode).toHaveBeenLastCalledWith({ onlyFromCamera: true, scanType: ['qrCode'] })
    expect({ checked, code: desk.code, busy: desk.busy }).toEqual({ checked: ['QRCODE1234'], code: 'QRCODE1234', busy: true })
    await act(async () => {
      answers[0].resolve({ redemption: { code: 'QRCODE1234' }, subsidyFen: 0 })
      await pending
    })
    expect(desk.answer).toMatchObject({ ok: true, redemption: { code: 'QRCODE1234' } })
    expect(desk.busy).toBe(false)
  })
})
