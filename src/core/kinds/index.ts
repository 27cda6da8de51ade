/**
 * The check-in kinds registry (./registry) with the built-in kinds registered, face and rules. The cloud, the
 * contract and the rules core import kinds from here; the app imports ./faces (no rules). Never import ./registry
 * alone: ./faces is what puts the built-in kinds in it.
 */
import { addKindRules } from './faces'
import { recyclingRules } from './rules/recycling'
import { sceneRules } from './rules/scene'
import { travelRules } from './rules/travel'
import { stepsRules } from './steps'

addKindRules('travel', travelRules)
addKindRules('recycling', recyclingRules)
addKindRules('steps', stepsRules)
addKindRules('scene', sceneRules)

export * from './faces'
