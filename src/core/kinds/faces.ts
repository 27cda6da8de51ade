/**
 * The built-in kinds as the app knows them (their faces, ./kind.ts), registered in the contract's order of kinds. The
 * app imports kinds from here; the cloud imports ./index, which adds each kind's rules, which the app never ships.
 */
import { recycling } from './recycling'
import { registerKind } from './registry'
import type { RecyclingCheckInRequest } from './rules/recycling'
import type { SceneCheckInRequest } from './rules/scene'
import type { TravelCheckInRequest } from './rules/travel'
import { scene } from './scene'
import { steps } from './steps'
import { travel } from './travel'

registerKind(travel)
registerKind(recycling)
registerKind(steps)
registerKind(scene)

export * from './kind'
export * from './registry'
export type { TravelCheckInRequest, RecyclingCheckInRequest, SceneCheckInRequest }

/** A check-in of a built-in kind, as the app's forms and queue type it; a kind registered since is a KindRequest. */
export type CheckInRequest = TravelCheckInRequest | RecyclingCheckInRequest | SceneCheckInRequest
