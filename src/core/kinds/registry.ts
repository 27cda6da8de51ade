/**
 * The kinds in force, and the questions every other part asks of them. Built-in kinds' faces are registered by
 * ./faces and their rules added by ./index; a kind defined elsewhere (a test's fixture) registers itself, face and
 * rules at once, before the cloud or the app starts.
 */
import type { CreditRules, Factor, Methodology } from '../../contract/types'
import type { ChallengeMetricRule, CheckInKind, KindQueue, KindRequest, KindRules, Measurements, RequestRules } from './kind'

export type RequestKind = CheckInKind & { request: RequestRules<KindRequest>; queue: KindQueue<KindRequest> }

const registered = new Map<string, CheckInKind>()
/** the kinds whose rules were added to their face after it was registered */
const ruled = new Set<string>()
let version = 0

/**
 * Adds a kind: its face (what the app knows), or face and rules together (a test's fixture). Its name is its requests'
 * `kind` and its factors' prefix, so it has no dot and is new.
 */
export function registerKind<R extends KindRequest>(kind: CheckInKind<R>): void {
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(kind.name)) throw new Error(`a kind's name is 1–32 characters a–z, 0–9 or -, starting with a letter: ${kind.name}`)
  if (registered.has(kind.name)) throw new Error(`kind ${kind.name} is already registered`)
  for (const metric of Object.keys(kind.challengeMetrics ?? {})) {
    if (challengeMetricRule(metric)) throw new Error(`challenge metric ${metric} already belongs to another kind`)
  }
  checkRules(kind as unknown as CheckInKind)
  // A kind is used through its requests' common shape; its own functions only ever see requests its schema passed.
  registered.set(kind.name, kind as unknown as CheckInKind)
  version++
}

/** Gives a registered face its rules (the cloud's half, ./rules/<kind>.ts), once. */
export function addKindRules<R extends KindRequest>(name: string, rules: KindRules<R>): void {
  const face = registered.get(name)
  if (!face) throw new Error(`kind ${name} has no face registered: register it (src/core/kinds/faces.ts) before adding its rules`)
  if (ruled.has(name)) throw new Error(`kind ${name} already has its rules`)
  const kind = { ...face, ...(rules as unknown as KindRules) }
  checkRules(kind)
  ruled.add(name)
  registered.set(name, kind)
  version++
}

function checkRules(kind: CheckInKind): void {
  // The app keeps a request on the device until it is answered: it must be able to read it back and name it.
  if (kind.request && !kind.queue) throw new Error(`kind ${kind.name} takes check-in requests, so its face needs a queue (isPayload, describe)`)
  // The person's own memory row holds one kind's memory: two would overwrite each other.
  if (kind.request?.memory?.row === 'person' && requestKinds().some((k) => k.name !== kind.name && k.request.memory?.row === 'person')) {
    throw new Error(`kind ${kind.name} keeps its memory on the person's row, which another kind already does: key its rows instead`)
  }
  for (const f of kind.factors ?? []) {
    if (f.kind !== kind.name || f.id !== `${kind.name}.${f.key}`) throw new Error(`factor ${f.id} is not of kind ${kind.name}`)
  }
}

/** Changes whenever a kind is registered: what is built from the kinds (the request schema) is rebuilt on a change. */
export const registryVersion = (): number => version

export const kinds = (): CheckInKind[] => [...registered.values()]

export const kindNamed = (name: string): CheckInKind | undefined => registered.get(name)

/** The kind a factor id (`<kind>.<key>`) belongs to. */
export const kindOfFactor = (factorId: string): CheckInKind | undefined => registered.get(factorId.split('.')[0])

export const requestKinds = (): RequestKind[] => kinds().filter((k): k is RequestKind => k.request !== undefined)

/** The kind of a check-in request that passed the schema (which only a registered kind's request does). */
export function requestKindOf(req: { kind: string }): { kind: RequestKind; factorId: string } {
  const kind = registered.get(req.kind)
  if (!kind?.request) throw new Error(`no check-in kind ${JSON.stringify(req.kind)}`)
  return { kind: kind as RequestKind, factorId: kind.request.factorId(req as KindRequest) }
}

/** The counter row a factor's daily cap is kept under: its own, unless its kind shares another's. */
export function capKeyOf(factorId: string): string {
  return kindOfFactor(factorId)?.capKey?.(factorId) ?? factorId
}

/** The message naming a factor, or undefined for a factor of no registered kind. */
export function factorLabelKeyOf(factorId: string): string | undefined {
  const [name, key] = factorId.split('.')
  return registered.get(name)?.labels.factorLabelKey(key ?? '')
}

/** What an entry measured, in the words of its factor's kind. */
export function measuredBy(factorId: string, e: Measurements): string {
  const kind = kindOfFactor(factorId)
  if (!kind) return ''
  if (kind.labels.measured) return kind.labels.measured(e)
  return e.quantity !== undefined ? `${e.quantity} ${e.unit ?? ''}`.trim() : ''
}

export function entryDetailOf(factorId: string, e: Measurements): { key: string; params: Record<string, number> } | undefined {
  return kindOfFactor(factorId)?.labels.entryDetail?.(e)
}

/** The kinds' own messages in one language, for the translator (src/i18n). */
export function kindMessages(lang: string): Record<string, string> {
  return Object.assign({}, ...kinds().map((k) => k.messages?.[lang] ?? {}))
}

/** The rule of a challenge metric that belongs to a kind (the shared ones, grams and check-ins, belong to none). */
export function challengeMetricRule(metric: string): ChallengeMetricRule | undefined {
  for (const kind of registered.values()) {
    const rule = kind.challengeMetrics?.[metric]
    if (rule) return rule
  }
  return undefined
}

/** Metrics that measure one key of their kind (travel's km of one mode): a challenge of one names that key. */
export const metricsWithMode = (): string[] =>
  kinds().flatMap((k) =>
    Object.entries(k.challengeMetrics ?? {})
      .filter(([, rule]) => rule.defaultMode !== undefined)
      .map(([metric]) => metric),
  )

/** Factors the kinds bring that the methodology's own versions do not list. */
export const kindFactors = (): Factor[] => kinds().flatMap((k) => (k.factors ?? []).map((f) => ({ ...f })))

/** A methodology with the kinds' own factors added where it lacks them. */
export function withKindFactors(m: Methodology): Methodology {
  const known = new Set(m.factors.map((f) => f.id))
  return { ...m, factors: [...m.factors, ...kindFactors().filter((f) => !known.has(f.id))] }
}

/**
 * The most one person may be credited on one day across all factors: the sum of each sharing kind's largest cap,
 * largest first, so a real day can hold one full run of each and a script that fills every factor's cap cannot.
 */
export function dailyTotal(factors: readonly Pick<Factor, 'kind' | 'dailyCapGrams'>[]): { grams: number; basis: string; basisZh: string } {
  const shares = kinds()
    .filter((k) => k.dailyTotal !== undefined)
    .map((k) => ({ share: k.dailyTotal!, capGrams: Math.max(0, ...factors.filter((f) => f.kind === k.name).map((f) => f.dailyCapGrams)) }))
    .filter((s) => s.capGrams > 0)
    .sort((a, b) => b.capGrams - a.capGrams)
  return {
    grams: shares.reduce((sum, s) => sum + s.capGrams, 0),
    basis: shares.map((s) => s.share.basis).join(' + '),
    basisZh: shares.map((s) => s.share.basisZh).join('+ '),
  }
}

/** The kinds' rules as getMethodology publishes them, for the factors in force, in the order the kinds were registered. */
export const publishedKindRules = (factors: readonly Pick<Factor, 'kind' | 'dailyCapGrams'>[]): Partial<CreditRules> =>
  Object.assign({}, ...kinds().map((k) => k.publishedRules?.(factors) ?? {}))

/** "a", "a or b", "a, b or c": the kinds a request may name, for its refusal. */
export function oneOf(names: readonly string[]): string {
  const quoted = names.map((n) => JSON.stringify(n))
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`
}
