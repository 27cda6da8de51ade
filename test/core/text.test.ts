/** Free text people type (src/contract/text + the schemas' freeText): normalised, and refused with invisible or misleading characters. */
import fc from 'fast-check'
import { updateProfileSchema, createGroupSchema, upsertRewardSchema } from '../../src/contract/schemas'
import { freeTextProblem, hasLoneSurrogate, isReservedName } from '../../src/contract/text'

// Found by an adversarial pass too: fillers that draw as nothing, separators, soft hyphen, tags, U+180E, U+206F.
const FORBIDDEN = [
  '\u0000',
  '\u0007',
  '\u001B',
  '\u007F',
  '\u0085',
  '\u202E',
  '\u202D',
  '\u2066',
  '\u200B',
  '\u200C',
  '\u2060',
  '\uFEFF',
  '\uD800',
  '\uDC00',
  '\u200D',
  '\u3164',
  '\u2800',
  '\u115F',
  '\u1160',
  '\u2028',
  '\u2029',
  '\u00AD',
  '\u206F',
  '\u180E',
  '\u034F',
  '\u{E0041}',
  '\uFFA0',
]

describe('free text', () => {
  it('refuses any text carrying a control, bidi-override, zero-width or lone-surrogate character (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.constantFrom(...FORBIDDEN), fc.string({ maxLength: 8 }), (before, bad, after) => {
        const text = `${before.replace(/[\uD800-\uDFFF]/g, '')}${bad}${after.replace(/[\uD800-\uDFFF]/g, '')}`
        // a joiner is allowed between two emoji only; fast-check's strings here hold no emoji around it
        if (bad === '\u200D' && /\p{Extended_Pictographic}$/u.test(before)) return
        expect(freeTextProblem(text)).toBeDefined()
      }),
    )
  })

  it('keeps ordinary Chinese, accents and emoji sequences', () => {
    for (const ok of ['小明', 'Zoë', '👩\u200D💻 dev', '👍🏽', '东湖 · 社区']) expect(freeTextProblem(ok)).toBeUndefined()
    expect(freeTextProblem('line one\nline two', true)).toBeUndefined()
    expect(freeTextProblem('line one\nline two')).toBeDefined()
    expect(hasLoneSurrogate('😀')).toBe(false)
    expect(hasLoneSurrogate('😀'.slice(0, 1))).toBe(true)
  })

  it('normalises to NFC, trims, and refuses reserved labels in names only', () => {
    const nfd = 'Cafe\u0301'
    expect(updateProfileSchema.parse({ nickname: ` ${nfd} ` }).nickname).toBe('Caf\u00e9')
    for (const reserved of ['已注销', ' 已注销', 'Admin', 'SYSTEM', '官方', 'ａｄｍｉｎ', '已註銷', 'ad min']) {
      expect(updateProfileSchema.safeParse({ nickname: reserved }).success).toBe(false)
      expect(createGroupSchema.safeParse({ name: reserved }).success).toBe(false)
    }
    expect(isReservedName('已注销')).toBe(true)
    // a title may say "official"; a name may not
    expect(upsertRewardSchema.safeParse({ title: 'Official mug', pointsCost: 10, stock: 1 }).success).toBe(true)
    const refused = updateProfileSchema.safeParse({ nickname: 'evil\u202Egnp.exe' })
    expect(refused.success).toBe(false)
    expect(refused.error?.issues[0].message).toMatch(/text-direction override/)
  })
})
