/**
 * How well a credit is proven, for the public dashboard's share of grams by evidence (issue 24): data an operator
 * reported, a scale's weight, a rotating code scanned at a station or a venue, steps WeChat signed, or the
 * resident's own word. An entry names its evidence when it has one; a kind may say what its entries prove without
 * one (verified steps); anything else is self-reported, and an evidence this build does not know counts as the
 * weakest rather than the strongest.
 */
import { kindOfFactor } from './kinds/registry'

/** Strongest first: the order the dashboard shows them in. */
export const EVIDENCE_LEVELS = ['operator', 'scale', 'station-display', 'venue-display', 'verified-steps', 'self-reported'] as const
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number]

export function evidenceLevelOf(factorId: string, evidence: string | undefined): EvidenceLevel {
  if (evidence !== undefined && (EVIDENCE_LEVELS as readonly string[]).includes(evidence)) return evidence as EvidenceLevel
  if (evidence !== undefined && evidence !== '') return 'self-reported'
  return kindOfFactor(factorId)?.evidenceLevel ?? 'self-reported'
}

/** Grams by level from counter rows kept by (factor, evidence as written): the rule applied here, never in SQL. */
export function gramsByEvidence(rows: readonly { factorId: string; evidence: string; gramsCo2e: number }[]): { level: EvidenceLevel; gramsCo2e: number }[] {
  const sums = new Map<EvidenceLevel, number>(EVIDENCE_LEVELS.map((level) => [level, 0]))
  for (const row of rows) {
    const level = evidenceLevelOf(row.factorId, row.evidence || undefined)
    sums.set(level, (sums.get(level) ?? 0) + row.gramsCo2e)
  }
  return EVIDENCE_LEVELS.map((level) => ({ level, gramsCo2e: sums.get(level) ?? 0 }))
}

/**
 * Each level's whole-percent share of the grams, summing to exactly 100 when there are any (largest remainder: a
 * page's figures that add to 99 or 101 read as an error). A level whose reversals outweigh its credits shows 0.
 */
export function evidenceShares<T extends { gramsCo2e: number }>(levels: readonly T[]): (T & { percent: number })[] {
  const grams = levels.map((l) => Math.max(0, l.gramsCo2e))
  const total = grams.reduce((sum, g) => sum + g, 0)
  if (total === 0) return levels.map((l) => ({ ...l, percent: 0 }))
  const exact = grams.map((g) => (g * 100) / total)
  const percent = exact.map(Math.floor)
  const left = 100 - percent.reduce((sum, p) => sum + p, 0)
  const byRemainder = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i)
  for (let k = 0; k < left; k++) percent[byRemainder[k].i] += 1
  return levels.map((l, i) => ({ ...l, percent: percent[i] }))
}
