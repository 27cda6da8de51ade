import type { Project } from '../../src/contract/types'
import type { Services } from '../function'
import type { ProjectRecord } from './queries'
import { projectTotals, donatedBy } from './queries'

/** A project as a caller sees it: totals are the sum of its slots, mine the caller's own row. */
export async function publicProjects(services: Services, openid: string, records: ProjectRecord[]): Promise<Project[]> {
  const totals = await projectTotals(services.store)
  const mine = await donatedBy(services.store, openid)
  return records.map(({ titleEn, descriptionEn, ...p }) => ({
    ...p,
    ...(titleEn ? { titleEn } : {}),
    ...(descriptionEn ? { descriptionEn } : {}),
    raisedPoints: totals.get(p.id)?.raisedPoints ?? 0,
    donors: totals.get(p.id)?.donors ?? 0,
    myPoints: mine.get(p.id) ?? 0,
  }))
}
