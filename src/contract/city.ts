/** The city's public figures and its treasury, as the cloud answers them (re-exported by ./types). */
import type { EvidenceLevel } from '../core/evidence'

export interface CityDashboard {
  asOf: string
  /** residents with at least one entry */
  residents: number
  gramsCo2eTotal: number
  thisWeek: { fromDay: string; toDay: string; gramsCo2e: number }
  lastWeek: { fromDay: string; toDay: string; gramsCo2e: number }
  /** communities with at least PUBLIC_MIN_RESIDENTS (5) residents taking part; smaller ones only inside `otherCommunities` */
  communities: { id: string; name: string; nameEn?: string; residents: number; gramsCo2eTotal: number; thisWeekGrams: number }[]
  /** the smaller communities together (absent when there are none): never one community's own figures */
  otherCommunities?: { communities: number; residents: number; gramsCo2eTotal: number; thisWeekGrams: number }
  projects: { id: string; title: string; titleEn?: string; goalPoints: number; raisedPoints: number; donors: number; active: boolean }[]
  /** points city organizers issued into the treasury, per Asia/Shanghai month, the last 12 months (oldest first) */
  issuance: { month: string; points: number }[]
  /** Issue 24: the city's credited grams by how they were proven, every level strongest first (src/core/evidence) */
  evidence: { level: EvidenceLevel; gramsCo2e: number }[]
}

/** Issue 21: the city's treasury as an organizer sees it (a community organizer: their own purse only). */
export interface TreasuryView {
  /** the Asia/Shanghai month ('YYYY-MM') the cap counts in */
  month: string
  monthlyCapPoints: number
  monthIssuedPoints: number
  issuedPoints: number
  allocatedPoints: number
  unallocatedPoints: number
  /** communityId '' is the city's own purse (its organizers' challenges and events) */
  purses: { communityId: string; name: string; grantedPoints: number; spentPoints: number; leftPoints: number }[]
  /** the latest issuances (city organizers only): who issued is an openid */
  issuances: { id: string; points: number; reason: string; month: string; createdAt: string; by: string }[]
  /** the latest allocations to the purses shown */
  allocations: { id: string; communityId: string; points: number; reason: string; createdAt: string }[]
}
