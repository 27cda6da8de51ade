import { EQUIVALENT_SOURCES } from '../../src/core/equivalentSources'
import { methodologyVersions, METHODOLOGY_VERSION } from '../../src/core/methodology'
import { withKindFactors } from '../../src/core/kinds'

// Issue 23: the methodology page words every source in the resident's language. The Chinese texts are display
// only (entries hash their factor's English sourceVersion), so adding one needs no methodology version.
const HAN = /[\u4E00-\u9FFF]/

describe('every methodology source has its Chinese text', () => {
  const versions = methodologyVersions().map((m) => (m.version === METHODOLOGY_VERSION ? withKindFactors(m) : m))
  const factors = versions.flatMap((m) => m.factors.map((f) => [`${m.version} ${f.id}`, f] as const))

  it.each(factors)('%s: source, its version and the reason in Chinese', (_name, f) => {
    expect(f.sourceZh).toMatch(HAN)
    expect(f.sourceVersionZh).toBeTruthy()
    if (f.rationale) expect(f.rationaleZh).toMatch(HAN)
  })

  it.each(Object.entries(EQUIVALENT_SOURCES))('the %s equivalent', (_id, s) => {
    expect(s.sourceZh).toMatch(HAN)
    expect(s.source).not.toMatch(HAN)
  })
})
