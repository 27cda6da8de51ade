/**
 * The check-in kinds registry (./registry) with the built-in kinds registered, in the order the contract lists
 * them. Import kinds from here, never from ./registry alone: this file is what puts the built-in kinds in it.
 */
import { recycling, type RecyclingCheckInRequest } from './recycling'
import { registerKind } from './registry'
import { scene, type SceneCheckInRequest } from './scene'
import { steps } from './steps'
import { travel, type TravelCheckInRequest } from './travel'

registerKind(travel)
registerKind(recycling)
registerKind(steps)
registerKind(scene)

export * from './kind'
export * from './registry'
export type { TravelCheckInRequest, RecyclingCheckInRequest, SceneCheckInRequest }

/** A check-in of a built-in kind, as the app's forms and queue type it; a kind registered since is a KindRequest. */
export type CheckInRequest = TravelCheckInRequest | RecyclingCheckInRequest | SceneCheckInRequest
