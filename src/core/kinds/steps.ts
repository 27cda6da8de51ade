/**
 * Verified steps: WeChat WeRun's count of a day, credited by syncSteps (src/core/steps, mock/wallet/syncSteps.ts)
 * rather than by a check-in request. Its factor shares the walking cap with manual walks: a day's walking is one.
 */
import type { KindFace, KindRules } from './kind'

export const steps: KindFace = {
  name: 'steps',
  // WeChat signed the count (src/core/steps): the resident's own word plays no part.
  evidenceLevel: 'verified-steps',
  labels: {
    factorLabelKey: () => 'factor.werun',
    measured: (e) => `${e.steps ?? 0} steps`,
    entryDetail: (e) => (e.steps !== undefined ? { key: 'steps.count', params: { steps: e.steps } } : undefined),
  },
}

export const stepsRules: KindRules = {
  capKey: () => 'travel.walk',
}
