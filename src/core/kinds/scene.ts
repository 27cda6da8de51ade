/**
 * Low-carbon scenes as the app knows them: a behaviour at a venue (own cup, no disposable tableware, clean plate),
 * counted once a time. Their rules (the venue, its display code, repeats) are ./rules/scene.ts.
 */
import { SCENE_BEHAVIOURS } from '../../contract/constants'
import type { KindFace } from './kind'
import type { SceneCheckInRequest } from './rules/scene'

export const scene: KindFace<SceneCheckInRequest> = {
  name: 'scene',
  labels: {
    factorLabelKey: (key) => `scene.${key}`,
    measured: (e) => `${e.quantity ?? 0} × ${e.unit ?? 'time'}`,
  },
  queue: {
    isPayload: (p) =>
      typeof p.behaviour === 'string' &&
      (SCENE_BEHAVIOURS as readonly string[]).includes(p.behaviour) &&
      typeof p.venueCode === 'string' &&
      p.venueCode.length > 0 &&
      typeof p.displayCode === 'string',
    describe: (req) => ({ labelKey: `scene.${req.behaviour}`, amount: '× 1' }),
  },
}
